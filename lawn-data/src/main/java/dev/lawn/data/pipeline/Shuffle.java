package dev.lawn.data.pipeline;

import dev.lawn.data.Seeds;
import java.util.SplittableRandom;

/** Seeded Fisher-Yates permutations: the full-buffer {@code shuffle} of a pipeline. */
public final class Shuffle {

  private Shuffle() {}

  /** A uniformly random permutation of {@code 0..n-1} determined by (seed, epoch). */
  public static int[] permutation(int n, long seed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    shuffleInPlace(order, new SplittableRandom(Seeds.derive(seed, 0x5348L, epoch)));
    return order;
  }

  /** Fisher-Yates shuffle of the whole array. */
  public static void shuffleInPlace(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
