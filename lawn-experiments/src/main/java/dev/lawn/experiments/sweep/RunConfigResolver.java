package dev.lawn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Works out, without training, the configuration a planned run would train with: its
 * {@code config.json} as the trainer would write it. The sweep compares it with earlier runs'
 * config.json ({@link SameConfigRuns}) to reuse a run that finished under another name instead of
 * training it again.
 *
 * <p>The trainer owns this resolution (defaults, a base config file, typed options), so the
 * sweep library does not do it itself: {@code lawn sweep} resolves through {@code lawn train}'s
 * own command. {@link #none()} turns reuse off.
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
}
