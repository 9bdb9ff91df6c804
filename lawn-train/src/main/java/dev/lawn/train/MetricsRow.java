package dev.lawn.tools.report;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One evaluation from {@code metrics.jsonl}: its numeric values by key ({@code epoch},
 * {@code loss}, {@code hr@10}, ...) and its {@code phase} ({@code free} or {@code constrained}, or
 * null when absent).
 *
 * @param values numeric values by key
 * @param phase the LAWN phase, may be null
 */
public record MetricsRow(Map<String, Double> values, String phase) {

  /** Copies the values. */
  public MetricsRow {
    values = Map.copyOf(values);
  }

  /** The value of a key, empty when the row does not have it. */
  public OptionalDouble value(String key) {
    Double v = values.get(key);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
