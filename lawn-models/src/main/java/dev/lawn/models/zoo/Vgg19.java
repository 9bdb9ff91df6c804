package dev.lawn.models.zoo;

import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelBuilder;
import dev.lawn.models.layers.Activation;
import dev.lawn.models.layers.ActivationFunction;
import dev.lawn.models.layers.BatchNorm;
import dev.lawn.models.layers.Conv2D;
import dev.lawn.models.layers.Dense;
import dev.lawn.models.layers.Flatten;
import dev.lawn.models.layers.MaxPool2D;
import dev.lawn.models.layers.Padding;
import dev.lawn.models.layers.Sequential;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * VGG-19 for CIFAR as the LAWN paper uses it: the 16 convolutions of VGG-19 (64x2, 128x2, 256x4,
 * 512x4, 512x4, each 3x3 with bias, then batch norm and ReLU; 2x2 max pooling after each group)
 * and one fully connected final layer (512 -> classes) instead of VGG's three. This is the common
 * CIFAR variant (as in the widely used PyTorch CIFAR code). On 32x32x3 with 10 classes:
 * 20,040,522 trainable parameters (20,086,692 with 100 classes), plus 11,008 moving statistics.
 * Widths scale with the width multiplier.
 *
 * <p>The poolings pad (SAME), so that inputs whose side is not a multiple of 32 keep a 1x1 map at
 * the end: Fashion-MNIST's 28x28 goes 28, 14, 7, 4, 2, 1. On a side that is a multiple of 32 this
 * is VALID pooling exactly. At width multiplier 0.125 (convolutions 8 to 64 wide) on 28x28x1 with 10
 * classes the network has 313,634 trainable parameters, a scaled VGG-19 with batch normalization and
 * one FC layer for CPU studies of what LAWN does with batch normalization.
 */
public final class Vgg19 {

  /** Convolution widths; 0 marks a 2x2 max pooling. */
  static final int[] CONFIG = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0,
      512, 512, 512, 512, 0};
  /** VGG-11's convolutions (configuration A), the same five stages with one or two per stage. */
  static final int[] CONFIG_11 = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};

  private Vgg19() {}

  /** Builds the model; input {@code image} [B, height, width, channels]. */
  public static Model build(
      Ops tf, String name, int height, int width, int channels, int numClasses, ClassifierOptions options) {
    return build(tf, name, height, width, channels, numClasses, options, CONFIG);
  }

  /**
   * {@code vgg11}: VGG-11's 8 convolutions (64, 128, 256x2, 512x2, 512x2), each with batch norm, and
   * the same one FC layer: half VGG-19's depth, for budgets where VGG-19 is too slow. At width 0.125
   * on 28x28x1 with 10 classes it has 145,754 trainable parameters.
   */
  public static Model buildVgg11(
      Ops tf, String name, int height, int width, int channels, int numClasses, ClassifierOptions options) {
    return build(tf, name, height, width, channels, numClasses, options, CONFIG_11);
  }

  private static Model build(Ops tf, String name, int height, int width, int channels, int numClasses,
      ClassifierOptions options, int[] config) {
    ModelBuilder b = ModelBuilder.create(tf, options.seed());
    Operand<TFloat32> image = b.imageInput("image", height, width, channels);
    Sequential.Builder net = Sequential.builder();
    int block = 1;
    int conv = 1;
    for (int filters : config) {
      if (filters == 0) {
        net.add(new MaxPool2D("block" + block + "_pool", 2, 2, Padding.SAME));
        block++;
        conv = 1;
        continue;
      }
      String prefix = "block" + block + "_conv" + conv;
      net.add(Conv2D.builder(options.scaled(filters), 3).name(prefix).build())
          .add(new BatchNorm(prefix + "_bn"))
          .add(new Activation(prefix + "_relu", ActivationFunction.RELU));
      conv++;
    }
    net.add(new Flatten()).add(new Dense("classifier", numClasses, ActivationFunction.LINEAR));
    return b.build(name, net.build().apply(b.context(), image));
  }
}
