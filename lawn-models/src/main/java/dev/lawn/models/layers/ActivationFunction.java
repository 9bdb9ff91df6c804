package dev.lawn.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise activations; every one has a graph-mode gradient in TF-Java 1.1.0. */
public enum ActivationFunction {
  /** Identity. */
  LINEAR,
  /** {@code max(x, 0)}: positively homogeneous, the case LAWN's analysis covers. */
  RELU,
  SIGMOID,
  TANH;

  /** Applies the activation. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
    };
  }
}
