package dev.lawn.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A training loss built as TensorFlow graph ops on float32 logits.
 *
 * <p>Two label layouts are used throughout this package:
 *
 * <ul>
 *   <li>binary tasks: logits {@code [B]}, labels {@code TFloat32 [B]} holding 0 or 1;
 *   <li>multi-class tasks: logits {@code [B, K]}, labels {@code TInt32 [B]} holding class indices.
 * </ul>
 *
 * Implementations tell the two apart by the static rank of the logits, so the logits operand must
 * have a known rank (give placeholders a shape).
 */
public interface Loss {

  /**
   * Loss of each example.
   *
   * @param tf ops of the graph to build in
   * @param logits {@code [B]} (binary) or {@code [B, K]} (multi-class) logits
   * @param labels {@code TFloat32 [B]} in {0, 1} (binary) or {@code TInt32 [B]} (multi-class)
   * @return {@code [B]} per-example losses
   */
  Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits, Operand<?> labels);

  /** Short name used in logs and run summaries, e.g. {@code softmax-ce(eps=0.1)}. */
  String name();

  /**
   * Batch loss that training minimises: the mean of {@link #perExample} unless a decorator (such
   * as {@link Flooding}) changes it.
   *
   * @return scalar loss
   */
  default Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<?> labels) {
    return tf.math.mean(perExample(tf, logits, labels), tf.constant(0));
  }
}
