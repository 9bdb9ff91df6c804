package dev.lawn.data.rec;

import java.util.SplittableRandom;

/** Draws items a user has not interacted with. */
final class NegativeDraws {

  private NegativeDraws() {}

  /**
   * {@code count} distinct items in {@code [0, numItems)} outside the user's positives. Uses
   * rejection sampling while negatives are plentiful and an explicit partial shuffle of the
   * remaining items when they are scarce (rejection would then spin).
   *
   * @return the items, in draw order
   */
  static int[] distinct(UserItems positives, int user, int numItems, int count, SplittableRandom random) {
    int available = numItems - positives.count(user);
    if (count > available) {
      throw new IllegalArgumentException(
          "cannot sample " + count + " distinct negatives: only " + available + " items are not positives");
    }
    int[] out = new int[count];
    if (available >= 4 * count) {
      int n = 0;
      while (n < count) {
        int item = random.nextInt(numItems);
        if (!positives.contains(user, item) && !contains(out, n, item)) {
          out[n++] = item;
        }
      }
      return out;
    }
    int[] pool = new int[available];
    int k = 0;
    for (int item = 0; item < numItems; item++) {
      if (!positives.contains(user, item)) {
        pool[k++] = item;
      }
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(available - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
      out[i] = pool[i];
    }
    return out;
  }

  /** One item outside the user's positives (repeats across calls allowed, as in NCF training). */
  static int one(UserItems positives, int user, int numItems, SplittableRandom random) {
    while (true) {
      int item = random.nextInt(numItems);
      if (!positives.contains(user, item)) {
        return item;
      }
    }
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }
}
