package dev.lawn.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Per-example classification margins, the quantity whose distribution LAWN's logit attenuation is
 * about: positive when the example is classified correctly, larger when more confidently.
 */
public final class Margins {

  private Margins() {}

  /**
   * Margins for either layout of {@link Loss} (chosen by the static rank of the logits).
   *
   * <ul>
   *   <li>multi-class ({@code [B, K]} logits, {@code TInt32} labels): target logit minus the largest
   *       other logit;
   *   <li>binary ({@code [B]} logits, {@code TFloat32} labels in {0, 1}): the logit signed by the
   *       label, {@code z} for y = 1 and {@code -z} for y = 0.
   * </ul>
   *
   * @return {@code [B]} margins
   */
  public static Operand<TFloat32> of(Ops tf, Operand<TFloat32> logits, Operand<?> labels) {
    if (LogitLayout.isBinary(logits)) {
      return LogitLayout.signedLogit(tf, logits, LogitLayout.binaryLabels(labels));
    }
    Operand<TFloat32> oneHot = LogitLayout.oneHot(tf, logits, LogitLayout.classLabels(labels));
    Operand<TFloat32> bestOther =
        tf.reduceMax(LogitLayout.otherLogits(tf, logits, oneHot), tf.constant(1));
    return tf.math.sub(LogitLayout.targetLogit(tf, logits, oneHot), bestOther);
  }
}
