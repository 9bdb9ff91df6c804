package dev.lawn.train.metrics;

/**
 * Leave-one-out ranking metrics under the NCF protocol (He et al., "Neural Collaborative
 * Filtering", 2017): each user has one row of candidate scores, the held-out positive at index 0
 * followed by sampled negatives (99 in the paper).
 *
 * <p>The positive's rank is the number of negatives scoring {@code >=} it, so ties count against
 * the model: a model that scores every candidate alike gets rank {@code candidates - 1}, not 0. A
 * NaN anywhere in the comparison also counts against the model (the test is {@code !(neg < pos)}).
 * No sorting is needed: one pass over the scores.
 */
public final class RankingMetrics {

  /**
   * Mean metrics over users.
   *
   * @param hitRatio HR@K: share of users whose positive has rank {@code < K}
   * @param ndcg NDCG@K: mean of {@code 1 / log2(rank + 2)} over users, 0 for ranks {@code >= K}
   * @param users number of users averaged
   * @param k the cut-off K
   */
  public record Result(double hitRatio, double ndcg, int users, int k) {}

  private static final double LN2 = Math.log(2);

  private RankingMetrics() {}

  /**
   * HR@K and NDCG@K over all users.
   *
   * @param scores row-major {@code [users, candidates]} scores, positive first in each row
   * @param candidates row length (1 positive + negatives), at least 2
   * @param k cut-off, in [1, candidates]
   */
  public static Result evaluate(float[] scores, int candidates, int k) {
    int users = checkedUsers(scores, candidates);
    if (k < 1 || k > candidates) {
      throw new IllegalArgumentException("k must be in [1, " + candidates + "], got " + k);
    }
    long hits = 0;
    double gain = 0;
    for (int u = 0; u < users; u++) {
      int rank = rankOfPositive(scores, u * candidates, candidates);
      if (rank < k) {
        hits++;
        gain += LN2 / Math.log(rank + 2);
      }
    }
    return new Result((double) hits / users, gain / users, users, k);
  }

  /**
   * Ranks of every user's positive (0 = best).
   *
   * @param scores row-major {@code [users, candidates]} scores, positive first in each row
   */
  public static int[] ranks(float[] scores, int candidates) {
    int users = checkedUsers(scores, candidates);
    int[] ranks = new int[users];
    for (int u = 0; u < users; u++) {
      ranks[u] = rankOfPositive(scores, u * candidates, candidates);
    }
    return ranks;
  }

  /** Rank of {@code scores[offset]} among {@code scores[offset + 1 .. offset + candidates)}. */
  static int rankOfPositive(float[] scores, int offset, int candidates) {
    float positive = scores[offset];
    int rank = 0;
    for (int j = offset + 1, end = offset + candidates; j < end; j++) {
      if (!(scores[j] < positive)) {
        rank++;
      }
    }
    return rank;
  }

  private static int checkedUsers(float[] scores, int candidates) {
    if (candidates < 2) {
      throw new IllegalArgumentException(
          "candidates must be at least 2 (positive + negatives), got " + candidates);
    }
    if (scores.length == 0 || scores.length % candidates != 0) {
      throw new IllegalArgumentException(
          "scores length " + scores.length + " is not a positive multiple of candidates " + candidates);
    }
    return scores.length / candidates;
  }
}
