package dev.lawn.train.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Training augmentation of image data sets ({@code --augmentation}); the first constant is the default. */
public enum Augmentation {
  /** Zero-pad, random crop, horizontal flip: CIFAR's usual augmentation. */
  CROP_FLIP,
  /** Horizontal flip only. */
  FLIP,
  /** None. */
  NONE,
  /**
   * Inception-style random resized crop (8-100 % of the area, aspect ratio 3/4-4/3) and horizontal
   * flip: ImageNet's usual augmentation ({@link dev.lawn.data.image.RandomResizedCrop}).
   */
  RESIZED_CROP;

  /** The option's spelling: {@code crop-flip}, {@code flip}, {@code none}, {@code resized-crop}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether images are randomly cropped after zero-padding ({@link #RESIZED_CROP} crops otherwise). */
  public boolean crops() {
    return this == CROP_FLIP;
  }

  /** Whether images are randomly flipped horizontally. */
  public boolean flips() {
    return this != NONE;
  }

  /** Every option spelling, the default first. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Augmentation::optionName).toList();
  }

  /**
   * Parses an option spelling; null means the default (run folders written before the option existed).
   *
   * @throws IllegalArgumentException naming {@code --augmentation} and the known values
   */
  public static Augmentation parse(String text) {
    if (text == null) {
      return CROP_FLIP;
    }
    for (Augmentation a : values()) {
      if (a.optionName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("--augmentation must be one of " + String.join(", ", names()) + ", got '"
        + text + "'");
  }

  @Override
  public String toString() {
    return optionName();
  }
}
