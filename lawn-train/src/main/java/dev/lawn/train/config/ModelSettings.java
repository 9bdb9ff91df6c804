package dev.lawn.train.config;

import dev.lawn.data.image.ImageSize;
import dev.lawn.models.ModelZoo;

/**
 * The zoo model a run trains.
 *
 * @param name a {@link ModelZoo} name ({@code --model}: {@code ncf-mlp}, {@code small-cnn}, ...)
 * @param widthMultiplier width multiplier of image models ({@code --width-multiplier})
 * @param imageSize size images are trained at ({@code --image-size H[xW]}); null keeps the data
 *     set's own size (an image folder's images must then share one)
 */
public record ModelSettings(String name, double widthMultiplier, ImageSize imageSize) {

  /** The default model: NCF-MLP, the paper's recommender. */
  public static final String DEFAULT_NAME = ModelZoo.RECOMMENDERS.get(0);

  public ModelSettings {
    name = Check.named("--model", name);
    Check.require(ModelZoo.names().contains(name),
        "--model: unknown model '" + name + "' (known: " + String.join(", ", ModelZoo.names()) + ")");
    Check.positive("--width-multiplier", widthMultiplier);
  }

  /** {@link #DEFAULT_NAME} at full width and the data's own image size. */
  public static ModelSettings defaults() {
    return new ModelSettings(DEFAULT_NAME, 1.0, null);
  }

  /** Whether the model is a recommender (else an image classifier). */
  public boolean recommender() {
    return ModelZoo.RECOMMENDERS.contains(name);
  }

  /**
   * {@link #imageSize} as {@code --image-size} writes it: {@code H} for a square, {@code HxW}
   * otherwise, null for none.
   */
  public String imageSizeText() {
    if (imageSize == null) {
      return null;
    }
    return imageSize.height() == imageSize.width() ? Integer.toString(imageSize.height()) : imageSize.toString();
  }
}
