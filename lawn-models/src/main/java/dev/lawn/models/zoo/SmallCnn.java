package dev.lawn.models.zoo;

import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelBuilder;
import dev.lawn.models.layers.Activation;
import dev.lawn.models.layers.ActivationFunction;
import dev.lawn.models.layers.BatchNorm;
import dev.lawn.models.layers.Conv2D;
import dev.lawn.models.layers.Dense;
import dev.lawn.models.layers.Dropout;
import dev.lawn.models.layers.Flatten;
import dev.lawn.models.layers.MaxPool2D;
import dev.lawn.models.layers.Sequential;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A small VGG-style CNN for (Fashion-)MNIST:
 * conv3x3(32)-conv3x3(32)-maxpool2-conv3x3(64)-conv3x3(64)-maxpool2-flatten-dense(128)-[dropout]-
 * dense(classes), ReLU everywhere, SAME padding, no batch norm. Widths scale with the width
 * multiplier. On 28x28x1 with 10 classes: 467,818 parameters (the 7x7x64 -> 128 dense layer holds
 * 401,536 of them).
 *
 * <p>{@code small-cnn-bn} ({@link #buildWithBatchNorm}) is the same network with batch normalization
 * between each convolution and its ReLU (the VGG-BN order), the control for asking what batch
 * normalization changes at equal width and depth: 4 x 2 x the convolution's width more trainable
 * parameters (scales and offsets) and as many moving statistics.
 *
 * <p>Cost: about 19 M multiply-adds per image forward. One Fashion-MNIST epoch (batch 128, plain
 * gradient descent) took about 100 CPU-seconds here (102 s wall on 2 cores shared with other jobs,
 * 85% test accuracy); width multiplier 0.5 (117,434 parameters) took 29 s wall for 85% (see
 * {@code FashionMnistEpochTest}).
 */
public final class SmallCnn {

  private SmallCnn() {}

  /** Builds the model; input {@code image} [B, height, width, channels], height and width >= 4. */
  public static Model build(
      Ops tf, String name, int height, int width, int channels, int numClasses, ClassifierOptions options) {
    return build(tf, name, height, width, channels, numClasses, options, false);
  }

  /** {@code small-cnn-bn}: the same network with batch normalization after each convolution. */
  public static Model buildWithBatchNorm(
      Ops tf, String name, int height, int width, int channels, int numClasses, ClassifierOptions options) {
    return build(tf, name, height, width, channels, numClasses, options, true);
  }

  private static Model build(Ops tf, String name, int height, int width, int channels, int numClasses,
      ClassifierOptions options, boolean batchNorm) {
    if (height < 4 || width < 4) {
      throw new IllegalArgumentException(
          "small-cnn needs images of at least 4x4 (two 2x2 poolings), got " + height + "x" + width);
    }
    ModelBuilder b = ModelBuilder.create(tf, options.seed());
    Operand<TFloat32> image = b.imageInput("image", height, width, channels);
    Sequential.Builder net = Sequential.builder();
    conv(net, options.scaled(32), batchNorm);
    conv(net, options.scaled(32), batchNorm);
    net.add(new MaxPool2D(2));
    conv(net, options.scaled(64), batchNorm);
    conv(net, options.scaled(64), batchNorm);
    net.add(new MaxPool2D(2))
        .add(new Flatten())
        .add(new Dense(options.scaled(128), ActivationFunction.RELU));
    if (options.dropoutRate() > 0) {
      net.add(new Dropout(options.dropoutRate()));
    }
    net.add(new Dense("classifier", numClasses, ActivationFunction.LINEAR));
    return b.build(name, net.build().apply(b.context(), image));
  }

  /** A 3x3 convolution with ReLU, or convolution, batch norm and ReLU (the layer names of both stay the plain network's). */
  private static void conv(Sequential.Builder net, int filters, boolean batchNorm) {
    if (!batchNorm) {
      net.add(Conv2D.builder(filters, 3).activation(ActivationFunction.RELU).build());
      return;
    }
    net.add(Conv2D.builder(filters, 3).build()).add(new BatchNorm()).add(new Activation(ActivationFunction.RELU));
  }
}
