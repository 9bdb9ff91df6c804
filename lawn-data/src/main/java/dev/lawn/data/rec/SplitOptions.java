package dev.lawn.data.rec;

/**
 * Options of the leave-one-out protocol.
 *
 * @param seed seed of the sampled evaluation negatives (same seed, same candidates)
 * @param evalNegatives negatives sampled per test (and validation) user; the NCF protocol uses 99
 * @param withValidation also hold out each user's next-latest interaction as a validation item
 * @param dropSparseUsers drop users with too few interactions to split instead of failing
 */
public record SplitOptions(long seed, int evalNegatives, boolean withValidation, boolean dropSparseUsers) {

  /** Negatives per evaluation user in the NCF protocol (ranked with the positive: 100 candidates). */
  public static final int NCF_EVAL_NEGATIVES = 99;
  /** Default seed. */
  public static final long DEFAULT_SEED = 42L;

  public SplitOptions {
    if (evalNegatives < 0) {
      throw new IllegalArgumentException("evalNegatives must be >= 0, got " + evalNegatives);
    }
  }

  /** The NCF protocol: seed 42, 99 negatives, no validation item, fail on users that cannot be split. */
  public static SplitOptions ncf() {
    return new SplitOptions(DEFAULT_SEED, NCF_EVAL_NEGATIVES, false, false);
  }

  /** The same options with another seed. */
  public SplitOptions withSeed(long newSeed) {
    return new SplitOptions(newSeed, evalNegatives, withValidation, dropSparseUsers);
  }

  /** The same options with or without a validation item. */
  public SplitOptions withValidation(boolean validation) {
    return new SplitOptions(seed, evalNegatives, validation, dropSparseUsers);
  }

  /** The same options with another number of evaluation negatives. */
  public SplitOptions withEvalNegatives(int count) {
    return new SplitOptions(seed, count, withValidation, dropSparseUsers);
  }

  /** The same options, dropping (or not) users that cannot be split. */
  public SplitOptions withDropSparseUsers(boolean drop) {
    return new SplitOptions(seed, evalNegatives, withValidation, drop);
  }

  /** Interactions a user needs: one to test, one to train, and one more with validation. */
  public int minInteractionsPerUser() {
    return withValidation ? 3 : 2;
  }
}
