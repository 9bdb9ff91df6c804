package dev.lawn.train;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A run's {@code summary.json}, written last by the trainer: final metrics, timings, the switch
 * epoch, and the resolved configuration under {@value #CONFIG_KEY}.
 *
 * @param file the file read (for messages)
 * @param fields every top-level field, in file order (the configuration included)
 */
public record RunSummary(Path file, Map<String, Object> fields) {

  /** Key of the resolved configuration inside summary.json. */
  public static final String CONFIG_KEY = "config";

  /** Copies the fields, keeping their order and nulls. */
  public RunSummary {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The numeric top-level values (metrics, {@code wall_seconds}, {@code switch_epoch}, ...), in file order. */
  public Map<String, Double> numbers() {
    Map<String, Double> numbers = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (v instanceof Number n) {
        numbers.put(k, n.doubleValue());
      }
    });
    return Collections.unmodifiableMap(numbers);
  }

  /** A final numeric value, empty when absent or not a number. */
  public OptionalDouble value(String key) {
    return fields.get(key) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  /**
   * The resolved configuration (nested maps as JSON has them); empty when the summary has none.
   *
   * @throws RunFormatException when {@value #CONFIG_KEY} is there but not a JSON object
   */
  public Map<String, Object> config() {
    Object raw = fields.get(CONFIG_KEY);
    if (raw == null) {
      return Map.of();
    }
    if (!(raw instanceof Map<?, ?> map)) {
      throw new RunFormatException(file, "'" + CONFIG_KEY + "' must be a JSON object");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    map.forEach((k, v) -> config.put(String.valueOf(k), v));
    return Collections.unmodifiableMap(config);
  }
}
