package dev.lawn.models.zoo;

import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelBuilder;
import dev.lawn.models.layers.ActivationFunction;
import dev.lawn.models.layers.Dense;
import dev.lawn.models.layers.Dropout;
import dev.lawn.models.layers.Flatten;
import dev.lawn.models.layers.Sequential;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Multi-layer perceptron for (Fashion-)MNIST: flatten, ReLU hidden layers
 * ({@link ClassifierOptions#DEFAULT_MLP_HIDDEN_UNITS} scaled by the width multiplier), optional
 * dropout, a linear classifier layer. With the defaults on 28x28x1 and 10 classes: 235,146
 * parameters.
 */
public final class Mlp {

  private Mlp() {}

  /** Builds the model; input {@code image} [B, height, width, channels]. */
  public static Model build(
      Ops tf, String name, int height, int width, int channels, int numClasses, ClassifierOptions options) {
    ModelBuilder b = ModelBuilder.create(tf, options.seed());
    Operand<TFloat32> image = b.imageInput("image", height, width, channels);
    Sequential.Builder net = Sequential.builder().add(new Flatten());
    for (int units : options.mlpHiddenUnits()) {
      net.add(new Dense(options.scaled(units), ActivationFunction.RELU));
    }
    if (options.dropoutRate() > 0) {
      net.add(new Dropout(options.dropoutRate()));
    }
    net.add(new Dense("classifier", numClasses, ActivationFunction.LINEAR));
    return b.build(name, net.build().apply(b.context(), image));
  }
}
