package dev.lawn.data.rec;

import dev.lawn.data.Seeds;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Builds the NCF training rows of an epoch: every training positive followed by
 * {@code negativesPerPositive} items drawn uniformly among the items its user never interacted with
 * (training or held out). Negatives are resampled every epoch.
 *
 * <p>The rows of epoch {@code e} depend only on (seed, e). Work is split into fixed chunks of
 * positives, each with its own generator, so the result does not depend on the thread count.
 */
public final class TrainingNegativeSampler {

  /** NCF's default number of negatives per positive. */
  public static final int DEFAULT_NEGATIVES_PER_POSITIVE = 4;

  private static final int CHUNK = 1 << 14;
  private static final long STREAM = 0x545241494EL;

  // A dense user x item bitset answers "is it a positive?" with one memory access; above this size
  // (128 MiB) the sampler falls back to binary search in the sorted per-user arrays.
  private static final long MAX_BITSET_BITS = 1L << 30;

  private final UserItems positives;
  private final long[] bits;
  private final int numItems;
  private final int negativesPerPositive;
  private final int[] posUsers;
  private final int[] posItems;

  TrainingNegativeSampler(UserItems train, UserItems positives, int numItems, int negativesPerPositive) {
    if (negativesPerPositive < 0) {
      throw new IllegalArgumentException("negativesPerPositive must be >= 0, got " + negativesPerPositive);
    }
    long rows = (long) train.total() * (1 + negativesPerPositive);
    if (rows > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "an epoch of " + rows + " rows does not fit in a Java array; lower negativesPerPositive");
    }
    for (int u = 0; u < positives.users(); u++) {
      if (negativesPerPositive > 0 && train.count(u) > 0 && positives.count(u) >= numItems) {
        throw new IllegalArgumentException("user " + u + " interacted with every item: no negative to sample");
      }
    }
    this.positives = positives;
    this.bits = (long) positives.users() * numItems <= MAX_BITSET_BITS ? bitset(positives, numItems) : null;
    this.numItems = numItems;
    this.negativesPerPositive = negativesPerPositive;
    this.posUsers = train.flatUsers();
    this.posItems = train.flatItems();
  }

  /** Negatives drawn per positive. */
  public int negativesPerPositive() {
    return negativesPerPositive;
  }

  /** Rows in every epoch: positives times (1 + negatives per positive). */
  public int rowsPerEpoch() {
    return posUsers.length * (1 + negativesPerPositive);
  }

  /** The rows of one epoch, positives at stride {@code 1 + negativesPerPositive}, unshuffled. */
  public RecommendationEpoch sample(long seed, int epoch) {
    int stride = 1 + negativesPerPositive;
    int rows = rowsPerEpoch();
    int[] users = new int[rows];
    int[] items = new int[rows];
    float[] labels = new float[rows];
    int chunks = (posUsers.length + CHUNK - 1) / CHUNK;
    IntStream.range(0, chunks).parallel().forEach(c -> {
      SplittableRandom random = new SplittableRandom(Seeds.derive(seed, STREAM, epoch, c));
      int end = Math.min(posUsers.length, (c + 1) * CHUNK);
      for (int p = c * CHUNK; p < end; p++) {
        int user = posUsers[p];
        int row = p * stride;
        users[row] = user;
        items[row] = posItems[p];
        labels[row] = 1f;
        for (int k = 1; k < stride; k++) {
          users[row + k] = user;
          items[row + k] = bits == null ? NegativeDraws.one(positives, user, numItems, random)
              : drawWithBitset(user, random);
        }
      }
    });
    return new RecommendationEpoch(users, items, labels);
  }

  private int drawWithBitset(int user, SplittableRandom random) {
    long base = (long) user * numItems;
    while (true) {
      int item = random.nextInt(numItems);
      long bit = base + item;
      if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return item;
      }
    }
  }

  private static long[] bitset(UserItems positives, int numItems) {
    long[] bits = new long[(int) (((long) positives.users() * numItems + 63) >>> 6)];
    for (int u = 0; u < positives.users(); u++) {
      long base = (long) u * numItems;
      for (int i = positives.start(u); i < positives.start(u) + positives.count(u); i++) {
        long bit = base + positives.itemAt(i);
        bits[(int) (bit >>> 6)] |= 1L << bit;
      }
    }
    return bits;
  }
}
