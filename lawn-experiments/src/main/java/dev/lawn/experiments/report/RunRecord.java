package dev.lawn.tools.report;

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

  /** A final value from summary.json, empty when absent. */
  public OptionalDouble finalValue(String key) {
    Double v = summary.get(key);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
