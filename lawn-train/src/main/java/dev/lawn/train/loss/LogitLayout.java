package dev.lawn.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Checks and converts logits/labels pairs for the two layouts of {@link Loss}, and builds the
 * pieces shared by several losses (one-hot targets, log-sum-exp, the signed binary logit).
 */
final class LogitLayout {

  /** Added to the target logit to exclude it from a max or log-sum-exp over the other classes. */
  private static final float EXCLUDED = -1e30f;

  private LogitLayout() {}

  /** True for {@code [B]} logits, false for {@code [B, K]}; anything else is rejected. */
  static boolean isBinary(Operand<TFloat32> logits) {
    int rank = logits.shape().numDimensions();
    if (rank == 1) {
      return true;
    }
    if (rank == 2) {
      return false;
    }
    throw new IllegalArgumentException(
        "logits must have static rank 1 ([B], binary) or 2 ([B, K], multi-class), got shape "
            + logits.shape()
            + (rank < 0 ? " (unknown rank: give the placeholder a shape)" : ""));
  }

  /** Binary labels as float32 {0, 1}. */
  @SuppressWarnings("unchecked")
  static Operand<TFloat32> binaryLabels(Operand<?> labels) {
    if (labels.type() != TFloat32.class) {
      throw new IllegalArgumentException(
          "binary labels must be TFloat32 [B] in {0, 1}, got " + labels.type().getSimpleName());
    }
    return (Operand<TFloat32>) labels;
  }

  /** Multi-class labels as int32 class indices. */
  @SuppressWarnings("unchecked")
  static Operand<TInt32> classLabels(Operand<?> labels) {
    if (labels.type() != TInt32.class) {
      throw new IllegalArgumentException(
          "multi-class labels must be TInt32 [B] class indices, got "
              + labels.type().getSimpleName());
    }
    return (Operand<TInt32>) labels;
  }

  /** The logit signed by the label: {@code z} for y = 1 and {@code -z} for y = 0. */
  static Operand<TFloat32> signedLogit(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> labels) {
    Operand<TFloat32> sign = tf.math.sub(tf.math.mul(tf.constant(2f), labels), tf.constant(1f));
    return tf.math.mul(sign, logits);
  }

  /** Number of classes K of {@code [B, K]} logits as a scalar (static when known). */
  static Operand<TInt32> numClasses(Ops tf, Operand<TFloat32> logits) {
    long k = logits.shape().size(1);
    if (k > 0) {
      return tf.constant((int) k);
    }
    return tf.gather(tf.shape(logits), tf.constant(1), tf.constant(0));
  }

  /** {@code [B, K]} float one-hot of the labels. */
  static Operand<TFloat32> oneHot(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
    return tf.oneHot(labels, numClasses(tf, logits), tf.constant(1f), tf.constant(0f));
  }

  /** Logit of the target class, {@code [B]}. */
  static Operand<TFloat32> targetLogit(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHot) {
    return tf.reduceSum(tf.math.mul(logits, oneHot), tf.constant(1));
  }

  /** Logits with the target class pushed to a huge negative value, {@code [B, K]}. */
  static Operand<TFloat32> otherLogits(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHot) {
    return tf.math.add(logits, tf.math.mul(oneHot, tf.constant(EXCLUDED)));
  }

  /** Row-wise {@code log(sum(exp(x)))}, {@code [B]}, shifted by the row max for stability. */
  static Operand<TFloat32> logSumExp(Ops tf, Operand<TFloat32> x) {
    // The shift cancels mathematically, so it needs no gradient of its own.
    Operand<TFloat32> max =
        tf.stopGradient(tf.reduceMax(x, tf.constant(1), ReduceMax.keepDims(true)));
    Operand<TFloat32> sum = tf.reduceSum(tf.math.exp(tf.math.sub(x, max)), tf.constant(1));
    return tf.math.add(tf.squeeze(max, Squeeze.axis(1L)), tf.math.log(sum));
  }
}
