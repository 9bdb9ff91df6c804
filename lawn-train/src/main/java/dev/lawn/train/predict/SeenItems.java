package dev.lawn.train.predict;

import dev.lawn.data.DataSetLoader;
import dev.lawn.data.DataSets;
import dev.lawn.data.RecommendationLoader;
import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.SplitOptions;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The items each user of a run's data set already interacted with (training and held-out), in the
 * data set's own ids: what a recommendation usually leaves out. The model does not record them, so
 * they are read again from the data set the run's {@code config.json} names, and passed to
 * lawn-serving's {@code TopKRecommender.topK} as the items to leave out.
 */
public final class SeenItems {

  private final RecommendationDataset data;

  private SeenItems(RecommendationDataset data) {
    this.data = data;
  }

  /**
   * Loads and splits the run's data set as the run did.
   *
   * @param dataDir where the data set is, or null for the run's {@code data_dir} (or the default places)
   * @throws IllegalArgumentException when the run is not a recommender's
   */
  public static SeenItems ofRun(Path runDir, Path dataDir) throws IOException {
    TrainConfig config = RunDirectory.existing(runDir).config();
    Path dir = dataDir != null ? dataDir : config.data().dir();
    DataSetLoader loader = DataSets.resolve(config.data().name(), dir);
    if (!(loader instanceof RecommendationLoader rec)) {
      throw new IllegalArgumentException(runDir + " trained on " + config.data().name() + ", which has no users");
    }
    return new SeenItems(rec.load(SplitOptions.ncf().withSeed(config.data().splitSeed()).withValidation(config.data().validation())));
  }

  /** The data set's ids of the items user {@code userId} interacted with; empty for an unknown user. */
  public Set<Integer> of(int userId) {
    Set<Integer> out = new TreeSet<>();
    OptionalInt dense = denseUser(userId);
    if (dense.isPresent()) {
      for (int item : data.positivesOf(dense.getAsInt())) {
        out.add(data.rawItemId(item));
      }
    }
    return out;
  }

  private OptionalInt denseUser(int userId) {
    for (int u = 0; u < data.numUsers(); u++) {
      if (data.rawUserId(u) == userId) {
        return OptionalInt.of(u);
      }
    }
    return OptionalInt.empty();
  }
}
