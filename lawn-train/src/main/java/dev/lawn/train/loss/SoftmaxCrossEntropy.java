package dev.lawn.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Softmax cross-entropy with optional label smoothing: {@code -sum_k q_k log softmax(z)_k} with
 * {@code q = (1 - eps) onehot(y) + eps / K}.
 *
 * <p>Built from one-hot targets and {@code LogSoftmax} because TF-Java 1.1.0 has no gradient for
 * {@code SparseSoftmaxCrossEntropyWithLogits}.
 */
public final class SoftmaxCrossEntropy implements Loss {

  private final double labelSmoothing;

  /** Plain softmax cross-entropy (no label smoothing). */
  public SoftmaxCrossEntropy() {
    this(0.0);
  }

  /**
   * @param labelSmoothing epsilon in [0, 1): the share of target mass spread uniformly over the K
   *     classes
   */
  public SoftmaxCrossEntropy(double labelSmoothing) {
    LossConfig.checkLabelSmoothing(labelSmoothing);
    this.labelSmoothing = labelSmoothing;
  }

  @Override
  public Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits, Operand<?> labels) {
    if (LogitLayout.isBinary(logits)) {
      throw new IllegalArgumentException(
          "softmax-ce needs multi-class logits [B, K], got shape " + logits.shape() + "; use bce");
    }
    Operand<TInt32> classes = LogitLayout.classLabels(labels);
    Operand<TFloat32> target = LogitLayout.oneHot(tf, logits, classes);
    if (labelSmoothing > 0) {
      Operand<TFloat32> uniform =
          tf.math.div(
              tf.constant((float) labelSmoothing),
              tf.dtypes.cast(LogitLayout.numClasses(tf, logits), TFloat32.class));
      target = tf.math.add(tf.math.mul(target, tf.constant((float) (1 - labelSmoothing))), uniform);
    }
    Operand<TFloat32> logProbs = tf.nn.logSoftmax(logits);
    return tf.math.neg(tf.reduceSum(tf.math.mul(target, logProbs), tf.constant(1)));
  }

  @Override
  public String name() {
    return labelSmoothing > 0 ? "softmax-ce(eps=" + labelSmoothing + ")" : "softmax-ce";
  }
}
