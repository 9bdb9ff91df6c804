package dev.lawn.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Builds the initial value of a variable as graph ops.
 *
 * <p>Random initializers use stateless random ops keyed by a per-variable seed pair, so the initial
 * values depend only on the model seed and the variable's path in the model: building the same
 * model twice (in two graphs, or in two scopes) gives the same values, and no large Java-generated
 * constant ends up in the GraphDef.
 */
@FunctionalInterface
public interface Initializer {

  /**
   * Builds the initial value.
   *
   * @param tf ops to build with (an init scope)
   * @param shape static shape of the variable
   * @param seed stateless seed pair ({@code int64[2]}) unique to this variable
   * @return an operand of exactly {@code shape}
   */
  Operand<TFloat32> create(Ops tf, Shape shape, Operand<TInt64> seed);

  /** Standard deviation correction of a normal truncated at two standard deviations (as Keras). */
  double TRUNCATED_NORMAL_STDDEV_CORRECTION = 0.87962566103423978;

  /** All zeros (biases, batch-norm offsets and moving means). */
  static Initializer zeros() {
    return (tf, shape, seed) -> tf.zeros(tf.constant(shape), TFloat32.class);
  }

  /** All ones (batch-norm scales and moving variances). */
  static Initializer ones() {
    return (tf, shape, seed) -> tf.ones(tf.constant(shape), TFloat32.class);
  }

  /** Normal with mean 0 and the given standard deviation (NCF embeddings use 0.01). */
  static Initializer normal(double stddev) {
    if (!(stddev > 0)) {
      throw new IllegalArgumentException("normal initializer: stddev must be > 0, got " + stddev);
    }
    return (tf, shape, seed) ->
        tf.math.mul(tf.random.statelessRandomNormal(tf.constant(shape), seed), tf.constant((float) stddev));
  }

  /**
   * He (Kaiming) normal, as Keras' {@code he_normal}: a normal truncated at two standard deviations
   * with standard deviation {@code sqrt(2 / fanIn)}. The default for ReLU convolutions.
   */
  static Initializer heNormal() {
    return (tf, shape, seed) -> {
      double stddev = Math.sqrt(2.0 / Fans.of(shape).in()) / TRUNCATED_NORMAL_STDDEV_CORRECTION;
      return tf.math.mul(
          tf.random.statelessTruncatedNormal(tf.constant(shape), seed), tf.constant((float) stddev));
    };
  }

  /**
   * Glorot (Xavier) uniform, as Keras' {@code glorot_uniform}: uniform in {@code [-l, l]} with
   * {@code l = sqrt(6 / (fanIn + fanOut))}. The default for dense layers.
   */
  static Initializer glorotUniform() {
    return (tf, shape, seed) -> {
      Fans fans = Fans.of(shape);
      double limit = Math.sqrt(6.0 / (fans.in() + fans.out()));
      Operand<TFloat32> unit = tf.random.statelessRandomUniform(tf.constant(shape), seed);
      // u in [0, 1) -> (2u - 1) * limit in [-limit, limit)
      return tf.math.mul(
          tf.math.sub(tf.math.mul(unit, tf.constant(2f)), tf.constant(1f)), tf.constant((float) limit));
    };
  }
}
