package dev.lawn.data.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.SharedData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real MovieLens-100k file from the shared folder; skipped where it is absent. */
class MovieLens100kTest {

  private static Interactions data;

  @BeforeAll
  static void load() {
    Optional<Path> dir = SharedData.dataSet("ml-100k", "u.data");
    Assumptions.assumeTrue(dir.isPresent(), "MovieLens-100k not found (LAWN_DATA_DIR or ../shared/data/ml-100k)");
    Path file = dir.get().resolve("u.data");
    data = RatingsReader.read(file, RatingsFormat.MOVIELENS_100K);
  }

  @Test
  void countsMatchTheDataSet() {
    assertEquals(100_000, data.size());
    RecommendationDataset d = LeaveOneOutSplitter.split(data, SplitOptions.ncf(), "ml-100k");
    assertEquals(943, d.numUsers());
    assertEquals(1682, d.numItems());
    assertEquals(100_000, d.numInteractions());
    assertEquals(943, d.testCandidates().length);
    assertEquals(99_057, d.numTrainPositives());
    for (int[] c : d.testCandidates()) {
      assertEquals(100, c.length);
    }
  }

  @Test
  void noSampledNegativeIsAPositiveAndSeedsReproduce() {
    RecommendationDataset a = LeaveOneOutSplitter.split(data, SplitOptions.ncf().withValidation(true), "a");
    RecommendationDataset b = LeaveOneOutSplitter.split(data, SplitOptions.ncf().withValidation(true), "b");
    int[][] test = a.testCandidates();
    int[][] validation = a.validationCandidates();
    for (int u = 0; u < a.numUsers(); u++) {
      for (int k = 1; k < 100; k++) {
        assertFalse(a.isPositive(u, test[u][k]), "test negative is a positive");
        assertFalse(a.isPositive(u, validation[u][k]), "validation negative is a positive");
      }
    }
    assertTrue(Arrays.deepEquals(test, b.testCandidates()));
    assertTrue(Arrays.deepEquals(validation, b.validationCandidates()));
    assertArrayEquals(a.trainItems(), b.trainItems());
    assertEquals(100_000 - 2 * 943, a.numTrainPositives());

    TrainingNegativeSampler sampler = a.trainingSampler(TrainingNegativeSampler.DEFAULT_NEGATIVES_PER_POSITIVE);
    RecommendationEpoch epoch = sampler.sample(42, 3);
    assertEquals(5 * a.numTrainPositives(), epoch.size());
    for (int r = 0; r < epoch.size(); r++) {
      if (epoch.labels()[r] == 0f) {
        assertFalse(a.isPositive(epoch.users()[r], epoch.items()[r]), "training negative is a positive");
      }
    }
    assertArrayEquals(epoch.items(), b.trainingSampler(4).sample(42, 3).items());
  }
}
