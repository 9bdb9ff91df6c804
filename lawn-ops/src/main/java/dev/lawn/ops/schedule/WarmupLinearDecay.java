package dev.lawn.ops.schedule;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The paper's schedule: linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then linear
 * decay to 0 at {@code totalSteps}.
 *
 * <p>Step {@code s} (0-based) gets {@code peak * (s + 1) / warmupSteps} during warm-up, so the very
 * first step already moves; after warm-up {@code peak * (total - s) / (total - warmup)}, reaching
 * {@code peak / (total - warmup)} at the last step and 0 from {@code totalSteps} on.
 *
 * @param peak the peak rate, reached at the last warm-up step
 * @param warmupSteps warm-up length, 0 for none
 * @param totalSteps the whole training length
 */
public record WarmupLinearDecay(double peak, long warmupSteps, long totalSteps) implements LearningRateSchedule {

  public WarmupLinearDecay {
    if (!(peak >= 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("peak learning rate must be finite and >= 0, got " + peak);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
    }
    if (totalSteps <= 0) {
      throw new IllegalArgumentException("total steps must be > 0, got " + totalSteps);
    }
    if (warmupSteps > totalSteps) {
      throw new IllegalArgumentException(
          "warm-up (" + warmupSteps + " steps) is longer than training (" + totalSteps + " steps)");
    }
  }

  @Override
  public Operand<TFloat32> rate(Ops tf, Operand<TInt64> step) {
    Operand<TFloat32> s = tf.dtypes.cast(step, TFloat32.class);
    Operand<TFloat32> warm =
        tf.math.mul(tf.constant((float) peak), tf.math.div(tf.math.add(s, tf.constant(1f)),
            tf.constant((float) Math.max(1, warmupSteps))));
    long decaySteps = Math.max(1, totalSteps - warmupSteps);
    Operand<TFloat32> decay = tf.math.maximum(tf.constant(0f),
        tf.math.mul(tf.constant((float) peak),
            tf.math.div(tf.math.sub(tf.constant((float) totalSteps), s), tf.constant((float) decaySteps))));
    return tf.select(tf.math.less(s, tf.constant((float) warmupSteps)), warm, decay);
  }

  @Override
  public double rateAt(long step) {
    if (step < warmupSteps) {
      return peak * (step + 1) / Math.max(1, warmupSteps);
    }
    return Math.max(0, peak * (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
  }
}
