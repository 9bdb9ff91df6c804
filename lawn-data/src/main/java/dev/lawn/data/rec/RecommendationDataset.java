package dev.lawn.data.rec;

import java.util.Objects;

/**
 * An implicit-feedback data set split by the NCF protocol: dense ids {@code 0..numUsers-1} and
 * {@code 0..numItems-1}, training positives, one held-out test item per user ranked against fixed
 * sampled negatives, and optionally a validation item per user with its own negatives.
 *
 * <p>Candidate arrays hold the held-out positive at index 0 followed by its negatives. Accessors
 * returning arrays return copies.
 */
public final class RecommendationDataset {

  private final String name;
  private final int numItems;
  private final int[] rawUserIds;
  private final int[] rawItemIds;
  private final UserItems train;
  private final UserItems positives;
  private final int[][] testCandidates;
  private final int[][] validationCandidates;

  /**
   * @param name where the data came from, for reports
   * @param numItems number of dense items
   * @param rawUserIds original id of each dense user
   * @param rawItemIds original id of each dense item
   * @param train training positives per user
   * @param positives every known interaction per user (training, validation and test): never sampled
   *     as a negative
   * @param testCandidates per user, the test item then its negatives
   * @param validationCandidates per user, the validation item then its negatives; null for none
   */
  RecommendationDataset(String name, int numItems, int[] rawUserIds, int[] rawItemIds, UserItems train,
      UserItems positives, int[][] testCandidates, int[][] validationCandidates) {
    this.name = Objects.requireNonNull(name, "name");
    this.numItems = numItems;
    this.rawUserIds = rawUserIds;
    this.rawItemIds = rawItemIds;
    this.train = train;
    this.positives = positives;
    this.testCandidates = testCandidates;
    this.validationCandidates = validationCandidates;
    int users = rawUserIds.length;
    if (rawItemIds.length != numItems || train.users() != users || positives.users() != users
        || testCandidates.length != users || (validationCandidates != null && validationCandidates.length != users)) {
      throw new IllegalArgumentException("inconsistent user or item counts in data set " + name);
    }
  }

  /** Where the data came from. */
  public String name() {
    return name;
  }

  /** Number of users (dense ids {@code 0..numUsers()-1}). */
  public int numUsers() {
    return rawUserIds.length;
  }

  /** Number of items (dense ids {@code 0..numItems()-1}). */
  public int numItems() {
    return numItems;
  }

  /** Number of training positives. */
  public int numTrainPositives() {
    return train.total();
  }

  /** Number of known interactions: training positives plus held-out items. */
  public int numInteractions() {
    return positives.total();
  }

  /** Users of the training positives, user-major (parallel to {@link #trainItems()}). */
  public int[] trainUsers() {
    return train.flatUsers();
  }

  /** Items of the training positives, ascending within each user (parallel to {@link #trainUsers()}). */
  public int[] trainItems() {
    return train.flatItems();
  }

  /** The training positives of one user, ascending. */
  public int[] trainItemsOf(int user) {
    return train.itemsOf(user);
  }

  /** Every known interaction of one user (training and held out), ascending. */
  public int[] positivesOf(int user) {
    return positives.itemsOf(user);
  }

  /** Whether the user interacted with the item (in training or held out). */
  public boolean isPositive(int user, int item) {
    return positives.contains(user, item);
  }

  /** The held-out test item of a user. */
  public int testItem(int user) {
    return testCandidates[user][0];
  }

  /** Per user: the test item at index 0, then its fixed negatives. */
  public int[][] testCandidates() {
    return deepCopy(testCandidates);
  }

  /** Whether a validation item was held out per user. */
  public boolean hasValidation() {
    return validationCandidates != null;
  }

  /** The held-out validation item of a user. */
  public int validationItem(int user) {
    return requireValidation()[user][0];
  }

  /** Per user: the validation item at index 0, then its fixed negatives. */
  public int[][] validationCandidates() {
    return deepCopy(requireValidation());
  }

  /** Original id of a dense user. */
  public int rawUserId(int user) {
    return rawUserIds[user];
  }

  /** Original id of a dense item. */
  public int rawItemId(int item) {
    return rawItemIds[item];
  }

  /** A sampler of the per-epoch training rows with NCF's default of 4 negatives per positive. */
  public TrainingNegativeSampler trainingSampler() {
    return trainingSampler(TrainingNegativeSampler.DEFAULT_NEGATIVES_PER_POSITIVE);
  }

  /** A sampler of the per-epoch training rows with {@code negativesPerPositive} negatives per positive. */
  public TrainingNegativeSampler trainingSampler(int negativesPerPositive) {
    return new TrainingNegativeSampler(train, positives, numItems, negativesPerPositive);
  }

  private int[][] requireValidation() {
    if (validationCandidates == null) {
      throw new IllegalStateException("data set " + name + " was split without a validation item");
    }
    return validationCandidates;
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] out = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  @Override
  public String toString() {
    return name + ": " + numUsers() + " users, " + numItems + " items, " + numTrainPositives()
        + " training positives" + (hasValidation() ? ", with validation" : "");
  }
}
