package dev.lawn.train;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a fit returns: one row per evaluation epoch (as in {@code metrics.jsonl}; after a resume, the
 * rows of the earlier processes too when the run has a folder) and the summary.
 *
 * @param rows the metric rows, oldest first
 * @param summary final metrics, timings, switch epoch, best epoch (what {@code summary.json} holds)
 */
public record History(List<Map<String, Object>> rows, Map<String, Object> summary) {

  public History {
    rows = List.copyOf(rows);
    summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
  }

  /** The last row, if any epoch was evaluated. */
  public Optional<Map<String, Object>> last() {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
  }

  /** One column over the rows (rows without it are skipped). */
  public double[] column(String key) {
    return rows.stream().filter(r -> r.get(key) instanceof Number).mapToDouble(r -> ((Number) r.get(key)).doubleValue())
        .toArray();
  }
}
