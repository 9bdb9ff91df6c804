package dev.lawn.train.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

  /** Four users, 5 candidates each (positive first), worked out by hand. */
  private static final float[] SCORES = {
    0.9f, 0.1f, 0.2f, 0.3f, 0.5f, // rank 0
    0.5f, 0.5f, 0.1f, 0.6f, 0.2f, // one tie and one better: rank 2
    0.3f, 0.4f, 0.5f, 0.6f, 0.7f, // rank 4
    1.0f, 1.0f, 1.0f, 1.0f, 1.0f, // all tied: rank 4, ties never favour the model
  };

  @Test
  void ranksCountTiesAgainstTheModel() {
    assertArrayEquals(new int[] {0, 2, 4, 4}, RankingMetrics.ranks(SCORES, 5));
  }

  @Test
  void hitRatioAndNdcgAtThree() {
    RankingMetrics.Result r = RankingMetrics.evaluate(SCORES, 5, 3);
    assertEquals(0.5, r.hitRatio());
    assertEquals((1.0 + 0.5) / 4, r.ndcg(), 1e-15); // 1/log2(2) + 1/log2(4)
    assertEquals(4, r.users());
  }

  @Test
  void cutOffEqualToCandidatesHitsEveryone() {
    RankingMetrics.Result r = RankingMetrics.evaluate(SCORES, 5, 5);
    assertEquals(1.0, r.hitRatio());
    double log2of6 = Math.log(6) / Math.log(2);
    assertEquals((1.0 + 0.5 + 2 / log2of6) / 4, r.ndcg(), 1e-15);
  }

  @Test
  void nanScoresCountAgainstTheModel() {
    float nan = Float.NaN;
    float[] scores = {nan, 0.1f, 0.2f, /* */ 0.5f, nan, 0.1f};
    assertArrayEquals(new int[] {2, 1}, RankingMetrics.ranks(scores, 3));
  }

  @Test
  void invalidShapesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.evaluate(new float[7], 5, 3));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.evaluate(new float[5], 1, 1));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.evaluate(new float[10], 5, 0));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.evaluate(new float[10], 5, 6));
  }

  @Test
  void movieLensSizedEvaluationIsFast() {
    int users = 943;
    int candidates = 100;
    float[] scores = new float[users * candidates];
    Random random = new Random(1);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = random.nextFloat();
    }
    RankingMetrics.Result r = null;
    long best = Long.MAX_VALUE;
    for (int rep = 0; rep < 200; rep++) {
      long t0 = System.nanoTime();
      r = RankingMetrics.evaluate(scores, candidates, 10);
      best = Math.min(best, System.nanoTime() - t0);
    }
    System.out.printf("RankingMetrics 943x100 HR@10/NDCG@10: best of 200 = %.1f us%n", best / 1e3);
    // Random scores: the positive's rank is uniform on 0..99, so HR@10 is about 0.1.
    assertEquals(0.1, r.hitRatio(), 0.04);
    // Loose bound so a busy shared machine does not fail it; the measured figure is printed.
    assertTrue(best < 5_000_000L, "took " + best + " ns");
  }
}
