package dev.lawn.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Focal loss {@code -(1 - p_t)^gamma log p_t} (Lin et al., "Focal Loss for Dense Object
 * Detection", 2017), without the class-balancing alpha; {@code gamma = 0} is cross-entropy.
 *
 * <p>Works on both layouts of {@link Loss}. Both factors are formed in log space so that neither
 * overflows nor yields a NaN gradient when {@code p_t} rounds to 1:
 *
 * <ul>
 *   <li>binary, with the signed logit {@code s = (2y - 1) z}: {@code log p_t = -softplus(-s)} and
 *       {@code log(1 - p_t) = -softplus(s)};
 *   <li>multi-class: {@code log p_t = z_t - LSE(z)} and {@code log(1 - p_t) = LSE(z_{j != t}) -
 *       LSE(z)}.
 * </ul>
 */
public final class FocalLoss implements Loss {

  /** The gamma recommended by Lin et al. */
  public static final double DEFAULT_GAMMA = 2.0;

  private final double gamma;

  /**
   * @param gamma focusing exponent, {@code >= 0}
   */
  public FocalLoss(double gamma) {
    LossConfig.checkFocalGamma(gamma);
    this.gamma = gamma;
  }

  @Override
  public Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits, Operand<?> labels) {
    Operand<TFloat32> crossEntropy;
    Operand<TFloat32> logOneMinusPt;
    if (LogitLayout.isBinary(logits)) {
      Operand<TFloat32> s =
          LogitLayout.signedLogit(tf, logits, LogitLayout.binaryLabels(labels));
      crossEntropy = tf.math.softplus(tf.math.neg(s));
      logOneMinusPt = tf.math.neg(tf.math.softplus(s));
    } else {
      Operand<TFloat32> oneHot =
          LogitLayout.oneHot(tf, logits, LogitLayout.classLabels(labels));
      Operand<TFloat32> lse = LogitLayout.logSumExp(tf, logits);
      crossEntropy = tf.math.sub(lse, LogitLayout.targetLogit(tf, logits, oneHot));
      Operand<TFloat32> lseOthers =
          LogitLayout.logSumExp(tf, LogitLayout.otherLogits(tf, logits, oneHot));
      logOneMinusPt = tf.math.sub(lseOthers, lse);
    }
    Operand<TFloat32> modulation =
        tf.math.exp(tf.math.mul(tf.constant((float) gamma), logOneMinusPt));
    return tf.math.mul(modulation, crossEntropy);
  }

  /** The focusing exponent. */
  public double gamma() {
    return gamma;
  }

  @Override
  public String name() {
    return "focal(gamma=" + gamma + ")";
  }
}
