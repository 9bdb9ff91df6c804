package dev.lawn.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Binary cross-entropy on logits, {@code -y log sigmoid(z) - (1 - y) log(1 - sigmoid(z))}.
 *
 * <p>Built in the stable form {@code y' softplus(-z) + (1 - y') softplus(z)}: it never forms
 * {@code sigmoid(z)} or its logarithm, so it neither overflows nor loses the small losses of
 * confident correct predictions, and its gradient is exactly {@code sigmoid(z) - y'} (also at
 * {@code z = 0}, where the {@code max(z, 0) - zy + log1p(exp(-|z|))} form gets the wrong
 * subgradient). With label smoothing {@code eps} the target is {@code y' = y (1 - eps) + eps / 2}.
 */
public final class SigmoidBinaryCrossEntropy implements Loss {

  private final double labelSmoothing;

  /** Plain binary cross-entropy (no label smoothing). */
  public SigmoidBinaryCrossEntropy() {
    this(0.0);
  }

  /**
   * @param labelSmoothing epsilon in [0, 1): targets move towards 1/2 by this fraction
   */
  public SigmoidBinaryCrossEntropy(double labelSmoothing) {
    LossConfig.checkLabelSmoothing(labelSmoothing);
    this.labelSmoothing = labelSmoothing;
  }

  @Override
  public Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits, Operand<?> labels) {
    if (!LogitLayout.isBinary(logits)) {
      throw new IllegalArgumentException(
          "bce needs binary logits [B], got shape " + logits.shape() + "; use softmax-ce");
    }
    Operand<TFloat32> y = LogitLayout.binaryLabels(labels);
    if (labelSmoothing > 0) {
      y =
          tf.math.add(
              tf.math.mul(y, tf.constant((float) (1 - labelSmoothing))),
              tf.constant((float) (labelSmoothing / 2)));
    }
    Operand<TFloat32> lossIfPositive = tf.math.softplus(tf.math.neg(logits));
    Operand<TFloat32> lossIfNegative = tf.math.softplus(logits);
    return tf.math.add(
        tf.math.mul(y, lossIfPositive),
        tf.math.mul(tf.math.sub(tf.constant(1f), y), lossIfNegative));
  }

  @Override
  public String name() {
    return labelSmoothing > 0 ? "bce(eps=" + labelSmoothing + ")" : "bce";
  }
}
