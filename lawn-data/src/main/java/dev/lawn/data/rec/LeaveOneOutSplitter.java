package dev.lawn.data.rec;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The NCF leave-one-out protocol on raw interactions:
 * <ol>
 *   <li>users and items get dense ids in ascending order of their original ids;</li>
 *   <li>a user's repeated interactions with one item count once (the latest is kept);</li>
 *   <li>each user's latest interaction is the test item, ties in time broken by file order (the
 *       later line is the later interaction); with validation the next-latest is the validation item;</li>
 *   <li>per held-out item, {@link SplitOptions#evalNegatives()} distinct items the user never
 *       interacted with, drawn by a generator seeded by (seed, purpose, user).</li>
 * </ol>
 */
public final class LeaveOneOutSplitter {

  private static final long TEST_STREAM = 0x54455354L;
  private static final long VALIDATION_STREAM = 0x56414CL;

  private LeaveOneOutSplitter() {}

  /**
   * Splits the interactions.
   *
   * @param name name of the resulting data set, for reports
   * @throws DataFormatException naming the file and line of the last interaction of a user who has
   *     too few interactions to split (unless {@link SplitOptions#dropSparseUsers()}), or of the
   *     held-out interaction of a user with too few non-interacted items to draw the evaluation
   *     negatives from
   */
  public static RecommendationDataset split(Interactions data, SplitOptions options, String name) {
    int n = data.size();
    int[] rawUsers = distinctSorted(data.usersArray());
    int[] rawItems = distinctSorted(data.itemsArray());
    int[] du = new int[n];
    int[] di = new int[n];
    for (int i = 0; i < n; i++) {
      du[i] = Arrays.binarySearch(rawUsers, data.user(i));
      di[i] = Arrays.binarySearch(rawItems, data.item(i));
    }

    // Counting sort by user keeps file order within a user; then a stable sort by time.
    int[] start = new int[rawUsers.length + 1];
    for (int i = 0; i < n; i++) {
      start[du[i] + 1]++;
    }
    for (int u = 0; u < rawUsers.length; u++) {
      start[u + 1] += start[u];
    }
    int[] order = new int[n];
    int[] fill = Arrays.copyOf(start, rawUsers.length);
    for (int i = 0; i < n; i++) {
      order[fill[du[i]]++] = i;
    }
    int[] scratch = new int[n];
    for (int u = 0; u < rawUsers.length; u++) {
      IndexSort.stableSortByKey(order, start[u], start[u + 1], data.timestampsArray(), scratch);
    }

    // Keep the latest occurrence of each (user, item); `kept` lists rows per user chronologically.
    int[] lastUserOfItem = new int[rawItems.length];
    Arrays.fill(lastUserOfItem, -1);
    int[] kept = new int[n];
    int[] keptStart = new int[rawUsers.length + 1];
    boolean[] dropUser = new boolean[rawUsers.length];
    int keptCount = 0;
    int usersKept = 0;
    int need = options.minInteractionsPerUser();
    for (int u = 0; u < rawUsers.length; u++) {
      int from = keptCount;
      for (int k = start[u + 1] - 1; k >= start[u]; k--) {
        int row = order[k];
        if (lastUserOfItem[di[row]] != u) {
          lastUserOfItem[di[row]] = u;
          kept[keptCount++] = row;
        }
      }
      reverse(kept, from, keptCount);
      if (keptCount - from < need) {
        if (!options.dropSparseUsers()) {
          int lastRow = order[start[u + 1] - 1];
          throw DataFormatException.atLine(data.file(), data.line(lastRow), "user " + rawUsers[u] + " has "
              + (keptCount - from) + " distinct interaction(s); leave-one-out needs at least " + need
              + " (one test" + (options.withValidation() ? ", one validation" : "") + " and one training item)");
        }
        dropUser[u] = true;
        keptCount = from;
      } else {
        usersKept++;
      }
      keptStart[u + 1] = keptCount;
    }

    // Dense ids of the kept users; the item catalogue is every item of the file.
    int[] rawKeptUsers = new int[usersKept];
    int[] trainU = new int[keptCount];
    int[] trainI = new int[keptCount];
    int[] allU = new int[keptCount];
    int[] allI = new int[keptCount];
    int[] testItem = new int[usersKept];
    int[] testLine = new int[usersKept];
    int[] validationItem = options.withValidation() ? new int[usersKept] : null;
    int[] validationLine = options.withValidation() ? new int[usersKept] : null;
    int trainCount = 0;
    int dense = 0;
    for (int u = 0; u < rawUsers.length; u++) {
      if (dropUser[u]) {
        continue;
      }
      rawKeptUsers[dense] = rawUsers[u];
      int from = keptStart[u];
      int to = keptStart[u + 1];
      int heldOut = options.withValidation() ? 2 : 1;
      for (int k = from; k < to; k++) {
        int item = di[kept[k]];
        allU[k] = dense;
        allI[k] = item;
        if (k < to - heldOut) {
          trainU[trainCount] = dense;
          trainI[trainCount++] = item;
        }
      }
      testItem[dense] = di[kept[to - 1]];
      testLine[dense] = data.line(kept[to - 1]);
      if (validationItem != null) {
        validationItem[dense] = di[kept[to - 2]];
        validationLine[dense] = data.line(kept[to - 2]);
      }
      dense++;
    }
    UserItems train = UserItems.fromPairs(usersKept, trainU, trainI, trainCount);
    UserItems positives = UserItems.fromPairs(usersKept, allU, allI, keptCount);
    int[][] test = candidates(data, positives, testItem, testLine, rawItems.length, options, TEST_STREAM, rawKeptUsers);
    int[][] validation = validationItem == null ? null : candidates(data, positives, validationItem, validationLine,
        rawItems.length, options, VALIDATION_STREAM, rawKeptUsers);
    return new RecommendationDataset(name, rawItems.length, rawKeptUsers, rawItems, train, positives, test, validation);
  }

  /**
   * Held-out item at index 0, then distinct negatives from the (seed, stream, user) generator.
   *
   * @param heldOutLine line of each user's held-out interaction in {@code data.file()}, named when
   *     the user has too few other items to draw negatives from
   */
  static int[][] candidates(Interactions data, UserItems positives, int[] heldOut, int[] heldOutLine, int numItems,
      SplitOptions options, long stream, int[] rawUserIds) {
    int[][] out = new int[heldOut.length][];
    for (int u = 0; u < heldOut.length; u++) {
      SplittableRandom random = new SplittableRandom(Seeds.derive(options.seed(), stream, u));
      int[] negatives;
      try {
        negatives = NegativeDraws.distinct(positives, u, numItems, options.evalNegatives(), random);
      } catch (IllegalArgumentException e) {
        throw DataFormatException.atLine(data.file(), heldOutLine[u], "user " + rawUserIds[u] + ": " + e.getMessage()
            + " among " + numItems + " items (evalNegatives = " + options.evalNegatives() + ")");
      }
      int[] c = new int[1 + negatives.length];
      c[0] = heldOut[u];
      System.arraycopy(negatives, 0, c, 1, negatives.length);
      out[u] = c;
    }
    return out;
  }

  private static int[] distinctSorted(int[] values) {
    int[] s = values.clone();
    Arrays.sort(s);
    int k = 0;
    for (int i = 0; i < s.length; i++) {
      if (i == 0 || s[i] != s[i - 1]) {
        s[k++] = s[i];
      }
    }
    return Arrays.copyOf(s, k);
  }

  private static void reverse(int[] a, int from, int to) {
    for (int i = from, j = to - 1; i < j; i++, j--) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
