package dev.lawn.train.loss;

import java.util.List;
import java.util.Locale;

/**
 * A loss chosen by name plus its options; {@link #create()} builds it. The single place where
 * loss options are validated and where their defaults live.
 *
 * @param name {@code bce}, {@code softmax-ce} or {@code focal} (case-insensitive)
 * @param labelSmoothing epsilon in [0, 1) for {@code bce} and {@code softmax-ce}; must be 0 for
 *     {@code focal}
 * @param focalGamma focusing exponent {@code >= 0}, used by {@code focal} only
 * @param floodingLevel flood level {@code b >= 0}; 0 disables flooding
 */
public record LossConfig(String name, double labelSmoothing, double focalGamma, double floodingLevel) {

  /** Binary cross-entropy on {@code [B]} logits. */
  public static final String BCE = "bce";
  /** Softmax cross-entropy on {@code [B, K]} logits. */
  public static final String SOFTMAX_CE = "softmax-ce";
  /** Focal loss on either layout. */
  public static final String FOCAL = "focal";
  /** Every accepted loss name. */
  public static final List<String> NAMES = List.of(BCE, SOFTMAX_CE, FOCAL);

  /** Option name used in error messages (matches the command-line flag). */
  public static final String LABEL_SMOOTHING_OPTION = "label-smoothing";
  /** Option name used in error messages (matches the command-line flag). */
  public static final String FOCAL_GAMMA_OPTION = "focal-gamma";
  /** Option name used in error messages (matches the command-line flag). */
  public static final String FLOODING_OPTION = "flooding";

  /** Validates and normalises the name to lower case. */
  public LossConfig {
    if (name == null || !NAMES.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("loss '" + name + "' is not one of " + NAMES);
    }
    name = name.toLowerCase(Locale.ROOT);
    checkLabelSmoothing(labelSmoothing);
    checkFocalGamma(focalGamma);
    checkFloodingLevel(floodingLevel);
    if (name.equals(FOCAL) && labelSmoothing != 0) {
      throw new IllegalArgumentException(
          LABEL_SMOOTHING_OPTION + " is not supported by the focal loss, got " + labelSmoothing);
    }
  }

  /** The named loss with defaults: no smoothing, {@link FocalLoss#DEFAULT_GAMMA}, no flooding. */
  public static LossConfig of(String name) {
    return new LossConfig(name, 0.0, FocalLoss.DEFAULT_GAMMA, 0.0);
  }

  /** Copy with another label smoothing epsilon. */
  public LossConfig withLabelSmoothing(double epsilon) {
    return new LossConfig(name, epsilon, focalGamma, floodingLevel);
  }

  /** Copy with another focal gamma. */
  public LossConfig withFocalGamma(double gamma) {
    return new LossConfig(name, labelSmoothing, gamma, floodingLevel);
  }

  /** Copy with another flooding level (0 disables flooding). */
  public LossConfig withFloodingLevel(double level) {
    return new LossConfig(name, labelSmoothing, focalGamma, level);
  }

  /** Builds the loss, wrapped in {@link Flooding} when the flooding level is positive. */
  public Loss create() {
    Loss base =
        switch (name) {
          case BCE -> new SigmoidBinaryCrossEntropy(labelSmoothing);
          case SOFTMAX_CE -> new SoftmaxCrossEntropy(labelSmoothing);
          case FOCAL -> new FocalLoss(focalGamma);
          default -> throw new IllegalStateException("unhandled loss " + name);
        };
    return floodingLevel > 0 ? new Flooding(base, floodingLevel) : base;
  }

  static void checkLabelSmoothing(double epsilon) {
    if (!(epsilon >= 0 && epsilon < 1)) {
      throw new IllegalArgumentException(
          LABEL_SMOOTHING_OPTION + " must be in [0, 1), got " + epsilon);
    }
  }

  static void checkFocalGamma(double gamma) {
    if (!(gamma >= 0 && Double.isFinite(gamma))) {
      throw new IllegalArgumentException(
          FOCAL_GAMMA_OPTION + " must be finite and >= 0, got " + gamma);
    }
  }

  static void checkFloodingLevel(double level) {
    if (!(level >= 0 && Double.isFinite(level))) {
      throw new IllegalArgumentException(
          FLOODING_OPTION + " level must be finite and >= 0, got " + level);
    }
  }
}
