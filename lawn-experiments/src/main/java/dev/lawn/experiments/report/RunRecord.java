package dev.lawn.experiments.report;

import dev.lawn.train.MetricsRow;
import dev.lawn.train.RunReader;
import dev.lawn.train.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A finished run as read from its directory.
 *
 * @param directory the run directory
 * @param config the resolved configuration from {@code summary.json}, flattened by {@link
 *     ConfigValues#flatten}
 * @param summary the final numeric values of {@code summary.json} (metrics, {@code wall_seconds},
 *     {@code switch_epoch}, ...)
 * @param history the rows of {@code metrics.jsonl} in file order (empty when the file is absent)
 */
public record RunRecord(
    Path directory, Map<String, String> config, Map<String, Double> summary, List<MetricsRow> history) {

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
    return new RunRecord(directory, ConfigValues.flatten(summary.config()), summary.numbers(), history);
  }

  /** A final value from summary.json, empty when absent. */
  public OptionalDouble finalValue(String key) {
    Double v = summary.get(key);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
