package dev.lawn.train;

import dev.lawn.data.DataSetLoader;
import dev.lawn.data.DataSets;
import dev.lawn.data.ImageLoader;
import dev.lawn.data.RecommendationLoader;

/** Finds and loads the data set a configuration names, as the matching {@link Task}. */
public final class Tasks {

  private Tasks() {}

  /**
   * Loads the data.
   *
   * @throws dev.lawn.data.DataSetNotFoundException when the data set is nowhere to be found
   * @throws dev.lawn.data.DataFormatException when a file is malformed
   */
  public static Task load(TrainConfig config) {
    DataSetLoader loader = DataSets.resolve(config.data().name(), config.data().dir());
    if (loader instanceof RecommendationLoader rec) {
      return new RecommendationTask(config, rec);
    }
    if (loader instanceof ImageLoader images) {
      return new ClassificationTask(config, images);
    }
    throw new IllegalArgumentException("--data " + config.data().name() + ": no task handles " + loader.getClass().getSimpleName());
  }
}
