package dev.lawn.train;

import dev.lawn.data.DataSetLoader;
import dev.lawn.data.DataSets;
import dev.lawn.data.ImageLoader;
import dev.lawn.data.RecommendationLoader;
import dev.lawn.data.image.ImageStore;
import dev.lawn.models.ModelZoo;
import dev.lawn.train.config.Augmentation;
import dev.lawn.train.config.DataSettings;
import dev.lawn.train.loss.LossConfig;

/**
 * The checks a run must pass before anything is written to its run folder: every option's range
 * (checked when the {@link TrainConfig} was made), the data set found (its files, not yet read), the model known
 * and of the data's kind, and the options that only one kind of data takes. A command that fails
 * here leaves {@code --out} as it was, so the corrected command starts (or resumes) cleanly.
 *
 * <p>Cheap: it reads no data and builds no graph. Call it before opening the run folder.
 */
public final class RunPreflight {

  private RunPreflight() {}

  /**
   * Checks {@code config}.
   *
   * @return {@code config}
   * @throws IllegalArgumentException naming the option, on the first impossible setting
   * @throws dev.lawn.data.DataSetNotFoundException when the data set is nowhere to be found
   */
  public static TrainConfig check(TrainConfig config) {
    config.placement().placement(); // reads --cluster (addresses or a file), naming it when malformed
    String model = config.model().name();
    DataSettings data = config.data();
    DataSetLoader loader = DataSets.resolve(data.name(), data.dir());
    if (loader instanceof RecommendationLoader) {
      checkRecommendation(config);
    } else if (loader instanceof ImageLoader images) {
      if (!ModelZoo.CLASSIFIERS.contains(model)) {
        throw new IllegalArgumentException("--model " + model + " does not fit image data "
            + data.name() + "; use one of " + String.join(", ", ModelZoo.CLASSIFIERS));
      }
      if (data.imageStore() == ImageStore.FILES && !images.readsFromFiles()) {
        throw new IllegalArgumentException("--image-store files applies to an image folder (--data image-folder), not to "
            + data.name() + ", whose files are not one per image: it is held in memory");
      }
    }
    return config;
  }

  private static void checkRecommendation(TrainConfig config) {
    DataSettings data = config.data();
    if (!config.model().recommender()) {
      throw new IllegalArgumentException("--model " + config.model().name() + " does not fit recommendation data "
          + data.name() + "; use one of " + String.join(", ", ModelZoo.RECOMMENDERS));
    }
    if (data.augmentation() != Augmentation.CROP_FLIP) {
      throw new IllegalArgumentException("--augmentation " + data.augmentation()
          + " applies to image data only, not to " + data.name());
    }
    if (data.imageStore() != ImageStore.AUTO) {
      throw new IllegalArgumentException("--image-store " + data.imageStore().text() + " applies to image data only, not to "
          + data.name());
    }
    if (config.loss().kind().equals(LossConfig.SOFTMAX_CE)) {
      throw new IllegalArgumentException("--loss softmax-ce needs a classifier; " + data.name() + " is binary");
    }
  }
}
