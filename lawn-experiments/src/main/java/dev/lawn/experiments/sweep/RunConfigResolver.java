package dev.lawn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.config.TrainOptions;
import java.util.Optional;

/**
 * Works out, without training, the configuration a planned run would train with: its
 * {@code config.json} as the trainer would write it. The sweep compares it with earlier runs'
 * config.json ({@link SameConfigRuns}) to reuse a run that finished under another name instead of
 * training it again.
 *
 * <p>{@link #trainOptions()} resolves as the trainer does (lawn-train's {@link TrainOptions}, which both
 * {@code lawn train} and {@link dev.lawn.train.TrainMain} use); {@link #none()} turns reuse off.
 */
@FunctionalInterface
public interface RunConfigResolver {

  /**
   * The config.json the trainer would write for {@code run} (from {@link PlannedRun#options()}).
   *
   * @return empty when the options do not make a valid configuration: the run will then fail and
   *     say why, and no earlier run can have been trained with them
   */
  Optional<JsonNode> configJson(PlannedRun run);

  /** Resolves nothing: no finished run is ever reused under a new name. */
  static RunConfigResolver none() {
    return run -> Optional.empty();
  }

  /**
   * Resolves as the trainer child will, before it writes its config.json: the run's exact train
   * arguments ({@link TrainArguments#of}) split by {@link TrainOptions#parseFlags} and resolved by
   * {@link TrainOptions#resolve} (defaults, then the {@code config:} file, then the options; each value
   * typed and checked). Going through the trainer's resolution rather than the sweep's option map
   * matters: options are typed by the trainer ({@code e_free: 5} becomes the string {@code "5"}), unset
   * options take its defaults, and short runs get its scaled defaults, so the result compares key for
   * key with an earlier run's config.json.
   */
  static RunConfigResolver trainOptions() {
    ObjectMapper json = new ObjectMapper(); // serializes like lawn-train's RunDirectory
    return run -> {
      try {
        return Optional.of(json.valueToTree(TrainOptions.resolve(TrainOptions.parseFlags(TrainArguments.of(run))).config()));
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // the trainer would reject the options
      }
    };
  }
}
