package dev.lawn.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.train.config.DataSettings;
import dev.lawn.train.config.LawnChoice;
import dev.lawn.train.config.LoggingSettings;
import dev.lawn.train.config.LossSettings;
import dev.lawn.train.config.ModelSettings;
import dev.lawn.train.config.OptimizerSettings;
import dev.lawn.train.config.PlacementSettings;
import java.util.Objects;

/**
 * Everything that defines a training run ({@code lawn train}), as typed settings: each value is
 * parsed once into its type and checked in its record's constructor, with a one-line message naming
 * the option as on the command line ({@code --batch-size must be positive, got 0}); the rules that
 * tie settings together are checked here. The defaults are each record's {@code defaults()},
 * gathered by {@link #defaults()}: {@code lawn train --help} shows them.
 *
 * <p>On disk ({@code RUN_DIR/config.json}, {@code summary.json}) a configuration is one flat
 * snake_case object, {@link TrainConfigJson}, the same shape as in run folders of every version:
 * {@code batch_size} is {@code --batch-size}.
 *
 * @param model the zoo model
 * @param data the data set, its split and augmentation
 * @param optimizer the base optimizer (with or without LAWN) and its schedule
 * @param lawn LAWN's switch, groups and attenuation (inert for a plain optimizer)
 * @param loss the training loss
 * @param placement devices, cluster and threads
 * @param logging how often the run evaluates and checkpoints
 * @param seed seed of initialization, data order and negative sampling
 */
public record TrainConfig(ModelSettings model, DataSettings data, OptimizerSettings optimizer, LawnChoice lawn,
    LossSettings loss, PlacementSettings placement, LoggingSettings logging, long seed) {

  /** Checks the rules between settings. */
  public TrainConfig {
    Objects.requireNonNull(model, "model settings");
    Objects.requireNonNull(data, "data settings");
    Objects.requireNonNull(optimizer, "optimizer settings");
    Objects.requireNonNull(lawn, "LAWN settings");
    Objects.requireNonNull(loss, "loss settings");
    Objects.requireNonNull(placement, "placement settings");
    Objects.requireNonNull(logging, "logging settings");
    if (optimizer.lawn() && lawn.eFree().epochCount() > optimizer.epochs()) {
      throw new IllegalArgumentException("--e-free (" + lawn.eFree().epochCount() + ") must not exceed --epochs ("
          + optimizer.epochs() + ")");
    }
    if (lawn.alpha() != 1 && !optimizer.lawn()) {
      throw new IllegalArgumentException("--alpha (logit attenuation at the switch) needs a -lawn optimizer");
    }
  }

  /** The defaults: NCF-MLP on MovieLens-100k with Adam-LAWN, the contract's example run. */
  public static TrainConfig defaults() {
    return new TrainConfig(ModelSettings.defaults(), DataSettings.defaults(), OptimizerSettings.defaults(),
        LawnChoice.defaults(), LossSettings.defaults(), PlacementSettings.defaults(), LoggingSettings.defaults(), 1);
  }

  /** A builder starting from {@link #defaults()}. */
  public static TrainConfigBuilder builder() {
    return new TrainConfigBuilder(defaults());
  }

  /** A builder starting from this configuration. */
  public TrainConfigBuilder toBuilder() {
    return new TrainConfigBuilder(this);
  }

  /** When LAWN switches; {@link SwitchPolicy.Never} for a plain optimizer. */
  public SwitchPolicy switchPolicy() {
    return optimizer.lawn() ? lawn.eFree().policy() : new SwitchPolicy.Never();
  }

  /** The flat snake_case form of {@code config.json}. */
  @JsonValue
  public TrainConfigJson toJson() {
    return TrainConfigJson.of(this);
  }

  /**
   * The configuration a {@code config.json} holds; keys it lacks (written before they existed) take
   * their defaults.
   *
   * @throws IllegalArgumentException naming the option of the first impossible value
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static TrainConfig fromJson(TrainConfigJson json) {
    return json.toConfig();
  }
}
