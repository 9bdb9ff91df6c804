package dev.lawn.train.config;

import dev.lawn.train.loss.LossConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training loss.
 *
 * @param kind {@link #AUTO} (the task's own: bce for recommendation, softmax-ce for classes) or a
 *     {@link LossConfig#NAMES} name ({@code --loss})
 * @param labelSmoothing label smoothing epsilon, in [0, 1)
 * @param flooding flooding level b (0 = off)
 * @param focalGamma focal loss gamma (only with {@code --loss focal})
 */
public record LossSettings(String kind, double labelSmoothing, double flooding, double focalGamma) {

  /** The task's own loss. */
  public static final String AUTO = "auto";

  public LossSettings {
    kind = Check.named("--loss", kind).toLowerCase(Locale.ROOT);
    Check.require(names().contains(kind), "--loss must be one of " + String.join(", ", names()) + ", got '" + kind + "'");
    Check.require(labelSmoothing >= 0 && labelSmoothing < 1, "--label-smoothing must be in [0, 1), got " + labelSmoothing);
    Check.nonNegative("--flooding", flooding);
    Check.nonNegative("--focal-gamma", focalGamma);
    Check.require(!(focalGamma > 0 && !kind.equals(LossConfig.FOCAL)), "--focal-gamma needs --loss focal");
  }

  /** The task's own loss, no smoothing, no flooding. */
  public static LossSettings defaults() {
    return new LossSettings(AUTO, 0, 0, 0);
  }

  /** Every {@code --loss} value: {@link #AUTO}, then {@link LossConfig#NAMES}. */
  public static List<String> names() {
    List<String> out = new ArrayList<>(List.of(AUTO));
    out.addAll(LossConfig.NAMES);
    return out;
  }

  /** The loss name this setting means for a task whose own loss is {@code taskDefault}. */
  public String resolve(String taskDefault) {
    return kind.equals(AUTO) ? taskDefault : kind;
  }

  /** The loss for a task whose own loss is {@code taskDefault}. */
  public LossConfig toLossConfig(String taskDefault) {
    String name = resolve(taskDefault);
    LossConfig loss = LossConfig.of(name).withLabelSmoothing(labelSmoothing).withFloodingLevel(flooding);
    return name.equals(LossConfig.FOCAL) ? loss.withFocalGamma(focalGamma) : loss;
  }
}
