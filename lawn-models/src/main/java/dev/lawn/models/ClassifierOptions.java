package dev.lawn.models;

import java.util.List;
import java.util.Objects;

/**
 * Options of the image classifiers ({@code mlp}, {@code small-cnn}, {@code vgg19}, {@code resnet18},
 * {@code resnet50}). Defaults live here and only here.
 *
 * @param seed initializer (and dropout) seed
 * @param widthMultiplier scales every layer width (channels, hidden units); 1 is the published
 *     architecture. Widths round to the nearest integer, at least 1.
 * @param cifarStem ResNet only: a 3x3 stride-1 stem convolution without max pooling (for 32x32
 *     inputs) instead of ImageNet's 7x7 stride-2 convolution and 3x3 stride-2 max pooling
 * @param dropoutRate mlp and small-cnn only: dropout before the classifier layer (0 disables it)
 * @param mlpHiddenUnits mlp only: widths of the ReLU hidden layers
 */
public record ClassifierOptions(
    long seed, double widthMultiplier, boolean cifarStem, float dropoutRate, List<Integer> mlpHiddenUnits) {

  /** Default initializer seed. */
  public static final long DEFAULT_SEED = 42L;
  /** Default width multiplier: the published widths. */
  public static final double DEFAULT_WIDTH_MULTIPLIER = 1.0;
  /** Default stem: ImageNet's (7x7/2 conv + 3x3/2 max pool). */
  public static final boolean DEFAULT_CIFAR_STEM = false;
  /** Default dropout rate of mlp and small-cnn: none. */
  public static final float DEFAULT_DROPOUT_RATE = 0f;
  /** Default mlp hidden layers: 784 -> 256 -> 128 -> classes on (Fashion-)MNIST. */
  public static final List<Integer> DEFAULT_MLP_HIDDEN_UNITS = List.of(256, 128);

  public ClassifierOptions {
    if (!(widthMultiplier > 0) || Double.isInfinite(widthMultiplier)) {
      throw new IllegalArgumentException("ClassifierOptions.widthMultiplier must be > 0, got " + widthMultiplier);
    }
    if (!(dropoutRate >= 0 && dropoutRate < 1)) {
      throw new IllegalArgumentException("ClassifierOptions.dropoutRate must be in [0, 1), got " + dropoutRate);
    }
    mlpHiddenUnits = List.copyOf(Objects.requireNonNull(mlpHiddenUnits, "ClassifierOptions.mlpHiddenUnits"));
    for (int units : mlpHiddenUnits) {
      if (units <= 0) {
        throw new IllegalArgumentException("ClassifierOptions.mlpHiddenUnits must all be > 0, got " + mlpHiddenUnits);
      }
    }
  }

  /** The documented defaults. */
  public static ClassifierOptions defaults() {
    return new ClassifierOptions(
        DEFAULT_SEED, DEFAULT_WIDTH_MULTIPLIER, DEFAULT_CIFAR_STEM, DEFAULT_DROPOUT_RATE, DEFAULT_MLP_HIDDEN_UNITS);
  }

  /** A copy with another seed. */
  public ClassifierOptions withSeed(long seed) {
    return new ClassifierOptions(seed, widthMultiplier, cifarStem, dropoutRate, mlpHiddenUnits);
  }

  /** A copy with another width multiplier. */
  public ClassifierOptions withWidthMultiplier(double widthMultiplier) {
    return new ClassifierOptions(seed, widthMultiplier, cifarStem, dropoutRate, mlpHiddenUnits);
  }

  /** A copy with or without the CIFAR stem. */
  public ClassifierOptions withCifarStem(boolean cifarStem) {
    return new ClassifierOptions(seed, widthMultiplier, cifarStem, dropoutRate, mlpHiddenUnits);
  }

  /** A copy with another dropout rate. */
  public ClassifierOptions withDropoutRate(float dropoutRate) {
    return new ClassifierOptions(seed, widthMultiplier, cifarStem, dropoutRate, mlpHiddenUnits);
  }

  /** A copy with other mlp hidden widths. */
  public ClassifierOptions withMlpHiddenUnits(List<Integer> mlpHiddenUnits) {
    return new ClassifierOptions(seed, widthMultiplier, cifarStem, dropoutRate, mlpHiddenUnits);
  }

  /** {@code width} scaled by the width multiplier: rounded, at least 1. */
  public int scaled(int width) {
    return (int) Math.max(1, Math.round(width * widthMultiplier));
  }
}
