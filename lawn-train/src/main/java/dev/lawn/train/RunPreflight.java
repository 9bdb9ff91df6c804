package dev.lawn.train;

import dev.lawn.data.DataSetLoader;
import dev.lawn.data.DataSets;
import dev.lawn.data.ImageLoader;
import dev.lawn.data.RecommendationLoader;
import dev.lawn.models.ModelZoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a run must pass before anything is written to its run folder: every option's range
 * ({@link TrainConfig#validate()}), the data set found (its files, not yet read), the model known
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
   * @return {@code config}, validated
   * @throws IllegalArgumentException naming the option, on the first impossible setting
   * @throws dev.lawn.data.DataSetNotFoundException when the data set is nowhere to be found
   */
  public static TrainConfig check(TrainConfig config) {
    config.validate();
    List<String> models = new ArrayList<>(ModelZoo.RECOMMENDERS);
    models.addAll(ModelZoo.CLASSIFIERS);
    if (!models.contains(config.model())) {
      throw new IllegalArgumentException("--model: unknown model '" + config.model() + "' (known: "
          + String.join(", ", models) + ")");
    }
    DataSetLoader loader = DataSets.resolve(config.data(), config.dataDir() == null ? null : Path.of(config.dataDir()));
    if (loader instanceof RecommendationLoader) {
      checkRecommendation(config);
    } else if (loader instanceof ImageLoader) {
      if (!ModelZoo.CLASSIFIERS.contains(config.model())) {
        throw new IllegalArgumentException("--model " + config.model() + " does not fit image data "
            + config.data() + "; use one of " + String.join(", ", ModelZoo.CLASSIFIERS));
      }
    }
    return config;
  }

  private static void checkRecommendation(TrainConfig config) {
    if (!ModelZoo.RECOMMENDERS.contains(config.model())) {
      throw new IllegalArgumentException("--model " + config.model() + " does not fit recommendation data "
          + config.data() + "; use one of " + String.join(", ", ModelZoo.RECOMMENDERS));
    }
    if (!config.augmentation().equals(TrainConfig.AUGMENTATIONS.get(0))) {
      throw new IllegalArgumentException("--augmentation " + config.augmentation()
          + " applies to image data only, not to " + config.data());
    }
    if (config.loss().equals("softmax-ce")) {
      throw new IllegalArgumentException("--loss softmax-ce needs a classifier; " + config.data() + " is binary");
    }
  }
}
