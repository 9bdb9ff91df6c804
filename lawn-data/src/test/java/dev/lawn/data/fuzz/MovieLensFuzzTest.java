package dev.lawn.data.fuzz;

import dev.lawn.data.rec.RatingsFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutation fuzzing of the MovieLens ratings layouts, read and split as {@code DataSets} does. */
class MovieLensFuzzTest {

  @TempDir Path work;

  private final FuzzSettings settings = FuzzSettings.fromSystemProperties(FuzzSettings.REGULAR_CASES);

  @Test
  void movieLens100k() {
    run(new MovieLensTarget("movielens-100k", "u.data", RatingsFormat.MOVIELENS_100K, settings));
  }

  @Test
  void movieLens1m() {
    run(new MovieLensTarget("movielens-1m", "ratings.dat", RatingsFormat.MOVIELENS_1M, settings));
  }

  @Test
  void movieLensLatest() {
    run(new MovieLensTarget("movielens-latest", "ratings.csv", RatingsFormat.MOVIELENS_LATEST, settings));
  }

  private void run(FuzzTarget target) {
    FuzzAssertions.assertCleanWithParses(FuzzCampaign.run(target, settings, work));
  }
}
