package dev.lawn.ops.schedule;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** A fixed learning rate. */
public record ConstantRate(double value) implements LearningRateSchedule {

  public ConstantRate {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + value);
    }
  }

  @Override
  public Operand<TFloat32> rate(Ops tf, Operand<TInt64> step) {
    return tf.constant((float) value);
  }

  @Override
  public double rateAt(long step) {
    return value;
  }
}
