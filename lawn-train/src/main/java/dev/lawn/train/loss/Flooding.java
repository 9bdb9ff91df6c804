package dev.lawn.train.loss;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Flooding (Ishida et al., "Do We Need Zero Training Loss After Achieving Zero Training Error?",
 * 2020): the batch loss {@code L} of an inner loss becomes {@code |L - b| + b}, so training ascends
 * instead of descending once {@code L} falls below the flood level {@code b}.
 *
 * <p>Flooding acts on the batch mean only: {@link #perExample} is the inner loss unchanged.
 */
public final class Flooding implements Loss {

  private final Loss inner;
  private final double level;

  /**
   * @param inner loss whose batch mean is flooded
   * @param level flood level {@code b >= 0}
   */
  public Flooding(Loss inner, double level) {
    this.inner = Objects.requireNonNull(inner, "inner");
    LossConfig.checkFloodingLevel(level);
    this.level = level;
  }

  @Override
  public Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits, Operand<?> labels) {
    return inner.perExample(tf, logits, labels);
  }

  @Override
  public Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<?> labels) {
    Operand<TFloat32> b = tf.constant((float) level);
    Operand<TFloat32> batchLoss = inner.mean(tf, logits, labels);
    return tf.math.add(tf.math.abs(tf.math.sub(batchLoss, b)), b);
  }

  /** The wrapped loss. */
  public Loss inner() {
    return inner;
  }

  /** The flood level b. */
  public double level() {
    return level;
  }

  @Override
  public String name() {
    return inner.name() + "+flood(b=" + level + ")";
  }
}
