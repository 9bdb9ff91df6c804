package dev.lawn.train.config;

import dev.lawn.data.DataSets;
import dev.lawn.data.image.ImageStore;
import java.nio.file.Path;

/**
 * The data set a run trains on and how it is split and sampled.
 *
 * @param name a {@link DataSets} name ({@code --data}: {@code movielens-100k}, {@code ncf:pinterest-20},
 *     {@code fashion-mnist}, ...)
 * @param dir folder holding the data set's files ({@code --data-dir}), or null to search the default places
 * @param validation also evaluate on a validation split (recommendation: each user's second-latest
 *     item; images: a carve-out of the training set)
 * @param validationSize images carved off for validation
 * @param negatives training negatives per positive (recommendation)
 * @param splitSeed seed of the leave-one-out evaluation negatives / the validation carve-out (fixed
 *     across seeds so runs are compared on the same items)
 * @param augmentation training augmentation of image data sets (recommendation data takes only the default)
 * @param trainSize images trained on, a random subset of the training split chosen by {@code splitSeed}
 *     (after the validation carve-out), or 0 for all of them (image data only)
 * @param imageStore where an image folder's pixels live during training: held in memory, or decoded
 *     from the files batch by batch every epoch ({@code --image-store}; the batches are the same, so a
 *     run may resume with another)
 */
public record DataSettings(String name, Path dir, boolean validation, int validationSize, int negatives,
    long splitSeed, Augmentation augmentation, int trainSize, ImageStore imageStore) {

  /** The default data set: MovieLens-100k. */
  public static final String DEFAULT_NAME = "movielens-100k";

  public DataSettings {
    name = Check.named("--data", name);
    String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    Check.require(DataSets.NAMES.contains(base),
        "--data: unknown data set '" + name + "' (known: " + String.join(", ", DataSets.NAMES) + ")");
    Check.positive("--validation-size", validationSize);
    Check.positive("--negatives", negatives);
    Check.nonNegative("--train-size", trainSize);
    augmentation = augmentation == null ? Augmentation.CROP_FLIP : augmentation;
    imageStore = imageStore == null ? ImageStore.AUTO : imageStore;
  }

  /** The settings with the image store chosen automatically ({@link ImageStore#AUTO}). */
  public DataSettings(String name, Path dir, boolean validation, int validationSize, int negatives, long splitSeed,
      Augmentation augmentation, int trainSize) {
    this(name, dir, validation, validationSize, negatives, splitSeed, augmentation, trainSize, ImageStore.AUTO);
  }

  /** MovieLens-100k found in the default places, no validation split, 4 negatives, split seed 42, all training data. */
  public static DataSettings defaults() {
    return new DataSettings(DEFAULT_NAME, null, false, 5000, 4, 42, Augmentation.CROP_FLIP, 0);
  }

  /** {@link #dir} as text (null when searched). */
  public String dirText() {
    return dir == null ? null : dir.toString();
  }
}
