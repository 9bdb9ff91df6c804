package dev.lawn.bench.pipeline;

import dev.lawn.data.rec.Interactions;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Random interactions shaped like MovieLens-1M (6,040 users, 3,706 items, about 1M ratings, at least
 * 20 per user, skewed item popularity), for measuring the NCF sampling and pipeline speed where the
 * real file is absent. Not a substitute for the data in any accuracy figure.
 */
public final class SyntheticInteractions {

  /** MovieLens-1M's users. */
  public static final int ML1M_USERS = 6040;
  /** MovieLens-1M's items. */
  public static final int ML1M_ITEMS = 3706;
  /** MovieLens-1M's ratings. */
  public static final int ML1M_RATINGS = 1_000_209;

  private SyntheticInteractions() {}

  /** About {@code ratings} distinct (user, item) pairs with increasing timestamps per user. */
  public static Interactions generate(int users, int items, int ratings, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int minPerUser = 20;
    int[] perUser = new int[users];
    // Heavy-tailed counts: most users rate few items, some rate many, as in MovieLens.
    double[] weight = new double[users];
    double total = 0;
    for (int u = 0; u < users; u++) {
      weight[u] = Math.pow(random.nextDouble(1e-3, 1.0), -1.2);
      total += weight[u];
    }
    // Scale the weights until the capped counts add up to the target (caps move mass to the others).
    int cap = items * 6 / 10;
    int n = 0;
    double scale = (ratings - users * minPerUser) / total;
    for (int round = 0; round < 50; round++) {
      n = 0;
      for (int u = 0; u < users; u++) {
        perUser[u] = (int) Math.min(cap, minPerUser + scale * weight[u]);
        n += perUser[u];
      }
      if (Math.abs(n - ratings) < users) {
        break;
      }
      scale *= (double) (ratings - users * minPerUser) / Math.max(1, n - users * minPerUser);
    }
    int[] us = new int[n];
    int[] is = new int[n];
    long[] ts = new long[n];
    int[] lines = new int[n];
    int[] stamp = new int[items];
    int k = 0;
    for (int u = 0; u < users; u++) {
      for (int r = 0; r < perUser[u]; r++) {
        int item;
        do {
          // Square of a uniform: low ids are popular.
          double x = random.nextDouble();
          item = (int) (x * x * items);
        } while (stamp[item] == u + 1);
        stamp[item] = u + 1;
        us[k] = u + 1;
        is[k] = item + 1;
        ts[k] = 956_703_932L + (long) r * 60 + random.nextInt(60);
        lines[k] = k + 1;
        k++;
      }
    }
    return new Interactions(Path.of("synthetic-ml-1m"), us, is, ts, lines);
  }
}
