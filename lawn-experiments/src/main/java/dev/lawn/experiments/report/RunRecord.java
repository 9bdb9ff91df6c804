package dev.lawn.experiments.report;

import dev.lawn.train.MetricsRow;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.RunReader;
import dev.lawn.train.RunSummary;
import dev.lawn.train.config.LawnChoice;
import dev.lawn.train.config.OptimizerChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A finished run as read from its directory.
 *
 * @param directory the run directory
 * @param config the resolved configuration from {@code summary.json}, flattened by {@link
 *     ConfigValues#flatten}; LAWN's settings of a run with a plain optimizer read {@value #INERT}
 * @param summary the final numeric values of {@code summary.json} (metrics, {@code wall_seconds},
 *     {@code switch_epoch}, ...)
 * @param history the rows of {@code metrics.jsonl} in file order (empty when the file is absent)
 */
public record RunRecord(
    Path directory, Map<String, String> config, Map<String, Double> summary, List<MetricsRow> history) {

  /** The value shown for a setting the run's optimizer does not read (LAWN's, under plain Adam). */
  public static final String INERT = "-";

  /** Copies the collections. */
  public RunRecord {
    config = Map.copyOf(config);
    summary = Map.copyOf(summary);
    history = List.copyOf(history);
  }

  /**
   * Reads a finished run through lawn-train's {@link RunReader}: its summary.json (required) and
   * its metrics.jsonl (empty history when absent).
   *
   * @throws dev.lawn.train.RunFormatException when summary.json is missing or a file is malformed
   */
  public static RunRecord read(Path directory) throws IOException {
    RunSummary summary = RunReader.summary(directory);
    List<MetricsRow> history = RunReader.hasMetrics(directory) ? RunReader.metrics(directory) : List.of();
    // A key added to config.json after the run was written reads as its default, not as a difference.
    Map<String, String> config = ConfigValues.flatten(RunDirectory.withLaterKeys(summary.config()));
    return new RunRecord(directory, withInertLawnSettings(config), summary.numbers(), history);
  }

  /**
   * {@code config} with LAWN's settings ({@link LawnChoice#CONFIG_KEYS}) shown as {@value #INERT} when the
   * optimizer is not a {@code -lawn} one: config.json records them for every run, and a table row
   * "adam, groups per-layer, alpha 1" would read as if plain Adam had used them. A configuration without an
   * optimizer key (a {@code Fit} of one's own) is left as it is.
   */
  static Map<String, String> withInertLawnSettings(Map<String, String> config) {
    String optimizer = config.get("optimizer");
    if (optimizer == null || optimizer.endsWith(OptimizerChoice.LAWN_SUFFIX)) {
      return config;
    }
    Map<String, String> shown = new HashMap<>(config);
    LawnChoice.CONFIG_KEYS.forEach(key -> shown.computeIfPresent(key, (k, value) -> INERT));
    return shown;
  }

  /** A final value from summary.json, empty when absent. */
  public OptionalDouble finalValue(String key) {
    Double v = summary.get(key);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
