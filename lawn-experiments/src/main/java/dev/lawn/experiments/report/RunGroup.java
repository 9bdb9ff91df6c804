package dev.lawn.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Runs sharing the same values for some configuration keys (typically: all seeds of one
 * configuration).
 *
 * @param key the shared values, in key order
 * @param runs the runs, at least one
 */
public record RunGroup(Map<String, String> key, List<RunRecord> runs) {

  /** Copies; a group is never empty. */
  public RunGroup {
    key = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(key));
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a run group needs at least one run");
    }
  }

  /**
   * {@code optimizer=adam, lr=0.001}, leaving out settings the run does not read ({@link RunRecord#INERT});
   * for the empty key (nothing varies) the run's folder name when there is one run, else
   * {@code mean of N runs}.
   */
  public String label() {
    if (key.isEmpty()) {
      Path name = runs.get(0).directory().getFileName();
      return runs.size() == 1 && name != null ? name.toString() : "mean of " + runs.size() + " runs";
    }
    return key.entrySet().stream()
        .filter(e -> !RunRecord.INERT.equals(e.getValue()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** Mean and SE of a final metric over the runs that report it; empty when none does. */
  public Optional<MeanWithError> finalStats(String metric) {
    List<Double> values = new ArrayList<>();
    for (RunRecord run : runs) {
      OptionalDouble v = run.finalValue(metric);
      if (v.isPresent()) {
        values.add(v.getAsDouble());
      }
    }
    if (values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(MeanWithError.of(values.stream().mapToDouble(Double::doubleValue).toArray()));
  }
}
