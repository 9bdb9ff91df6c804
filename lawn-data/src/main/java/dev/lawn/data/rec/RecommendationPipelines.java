package dev.lawn.data.rec;

import dev.lawn.data.Features;
import dev.lawn.data.pipeline.ColumnSet;
import dev.lawn.data.pipeline.EpochSource;
import dev.lawn.data.pipeline.FloatColumn;
import dev.lawn.data.pipeline.IntColumn;
import dev.lawn.data.pipeline.Pipeline;

/** Ready-made pipelines for NCF training and HR@k evaluation. */
public final class RecommendationPipelines {

  private RecommendationPipelines() {}

  /**
   * Training batches: each epoch resamples negatives and shuffles all rows, both determined by
   * (seed, epoch); batches carry {@code user}, {@code item}, {@code label}.
   *
   * @param prefetchDepth batches built ahead in the background (0: in the caller's thread)
   */
  public static Pipeline training(TrainingNegativeSampler sampler, long seed, int batchSize, boolean dropRemainder,
      int prefetchDepth) {
    EpochSource source = new EpochSource() {
      @Override
      public int rowsPerEpoch() {
        return sampler.rowsPerEpoch();
      }

      @Override
      public ColumnSet columns(int epoch) {
        return sampler.sample(seed, epoch).columns();
      }
    };
    return Pipeline.from(source).shuffle(seed).batch(batchSize, dropRemainder).prefetch(prefetchDepth);
  }

  /**
   * Evaluation batches over candidate lists ({@link RecommendationDataset#testCandidates()} or the
   * validation ones): whole users per batch, candidates in order, label 1 at each user's first
   * candidate. Reshape a batch's scores to {@code [users, candidatesPerUser]} to rank them.
   */
  public static Pipeline evaluation(int[][] candidates, int usersPerBatch) {
    if (usersPerBatch < 1) {
      throw new IllegalArgumentException("usersPerBatch must be >= 1, got " + usersPerBatch);
    }
    if (candidates.length == 0) {
      throw new IllegalArgumentException("no candidates to evaluate");
    }
    int per = candidates[0].length;
    int[] users = new int[candidates.length * per];
    int[] items = new int[users.length];
    float[] labels = new float[users.length];
    for (int u = 0; u < candidates.length; u++) {
      if (candidates[u].length != per) {
        throw new IllegalArgumentException("user " + u + " has " + candidates[u].length + " candidates, user 0 has " + per);
      }
      for (int k = 0; k < per; k++) {
        users[u * per + k] = u;
        items[u * per + k] = candidates[u][k];
      }
      labels[u * per] = 1f;
    }
    ColumnSet columns = ColumnSet.of(new IntColumn(Features.USER, users), new IntColumn(Features.ITEM, items),
        new FloatColumn(Features.LABEL, labels));
    return Pipeline.from(columns).batch(Math.multiplyExact(usersPerBatch, per), false);
  }
}
