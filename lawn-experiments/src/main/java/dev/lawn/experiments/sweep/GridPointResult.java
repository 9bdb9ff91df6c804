package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.MeanWithError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The finished runs of one grid point, summarized.
 *
 * @param point the grid values
 * @param label {@code lr=0.001, batch_size=256} over the keys that vary ({@code base} when none)
 * @param planned runs planned (one per seed)
 * @param finished runs with a summary.json
 * @param stats mean ± SE per metric, over the finished runs that report it, in metric order
 */
public record GridPointResult(
    Map<String, Object> point, String label, int planned, int finished, Map<String, MeanWithError> stats) {

  /** Copies, keeping order. */
  public GridPointResult {
    point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
    stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
  }

  /** The statistics of one metric, empty when no finished run reports it. */
  public Optional<MeanWithError> stat(String metric) {
    return Optional.ofNullable(stats.get(metric));
  }

  /**
   * Eligible for selection: every seed finished and reports the metric, so that points are
   * compared over the same seeds.
   */
  public boolean eligible(String metric) {
    return finished == planned && stat(metric).map(s -> s.n() == planned).orElse(false);
  }
}
