package dev.lawn.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One evaluation from {@code metrics.jsonl} (one line, written by {@link dev.lawn.train.log.MetricsLog}):
 * its fields in file order, as JSON gives them: numbers ({@code epoch}, {@code loss}, {@code hr@10},
 * ...), strings ({@code phase}: {@code free} or {@code constrained}), booleans and nulls (a NaN is
 * written as null).
 *
 * @param fields every field of the line, in file order (null values kept)
 */
public record MetricsRow(Map<String, Object> fields) {

  /** Key of the LAWN phase. */
  public static final String PHASE_KEY = "phase";

  /** Copies the fields, keeping their order and nulls. */
  public MetricsRow {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A row of numeric values and a phase (tests, and readers of other formats). */
  public static MetricsRow of(Map<String, Double> values, String phase) {
    Map<String, Object> fields = new LinkedHashMap<>(values);
    if (phase != null) {
      fields.put(PHASE_KEY, phase);
    }
    return new MetricsRow(fields);
  }

  /** The numeric value of a key, empty when the row does not have it or it is not a number. */
  public OptionalDouble value(String key) {
    return fields.get(key) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  /** The numeric fields by key, in file order. */
  public Map<String, Double> values() {
    Map<String, Double> numbers = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (v instanceof Number n) {
        numbers.put(k, n.doubleValue());
      }
    });
    return Collections.unmodifiableMap(numbers);
  }

  /** The text of a key, empty when absent or not a string. */
  public Optional<String> text(String key) {
    return fields.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** The LAWN phase ({@code free} or {@code constrained}), or null when the row has none. */
  public String phase() {
    return text(PHASE_KEY).orElse(null);
  }
}
