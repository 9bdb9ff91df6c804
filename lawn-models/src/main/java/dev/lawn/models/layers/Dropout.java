package dev.lawn.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Inverted dropout: in training mode each element is zeroed with probability {@code rate} and the
 * survivors are scaled by {@code 1 / (1 - rate)}; in inference mode the input passes unchanged.
 *
 * <p>The mask comes from a {@code RandomUniform} op with explicit {@code seed}/{@code seed2}
 * attributes derived from the model seed and the layer path, so a fresh session replays the same
 * sequence of masks. A mask is drawn on every run that evaluates the layer, in either mode (the
 * training flag selects an output, it does not skip the draw).
 */
public final class Dropout extends BaseLayer {

  private final float rate;

  /** An unnamed layer ({@code dropout}, ...). */
  public Dropout(float rate) {
    this(null, rate);
  }

  /**
   * @param name explicit name or null
   * @param rate drop probability in [0, 1)
   */
  public Dropout(String name, float rate) {
    super(name, "dropout", "Dropout");
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    if (rate == 0) {
      return input;
    }
    Ops tf = scope.tf();
    Operand<TFloat32> uniform = tf.random.randomUniform(
        tf.shape(input), TFloat32.class,
        RandomUniform.seed(scope.seed("seed")), RandomUniform.seed2(scope.seed("seed2")));
    Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
    Operand<TFloat32> dropped = tf.math.mul(input, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
    return tf.select(scope.training(), dropped, input);
  }
}
