package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.MeanWithError;
import dev.lawn.experiments.report.RunRecord;
import dev.lawn.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Summarizes grid points from their runs' summary.json files and picks the best one: the highest
 * (or lowest) mean of the selection metric over seeds, among points whose every seed finished.
 * Ties go to the earlier point in grid order.
 */
public final class GridPointSelector {

  /**
   * Summarizes every grid point.
   *
   * @param runsByPoint the planned runs of each point, in grid order
   * @param varyingKeys grid keys with more than one value (for labels)
   * @param metrics the metrics to summarize, in column order
   */
  public List<GridPointResult> summarize(
      Map<Map<String, Object>, List<PlannedRun>> runsByPoint, List<String> varyingKeys, List<String> metrics)
      throws IOException {
    List<GridPointResult> results = new ArrayList<>();
    for (Map.Entry<Map<String, Object>, List<PlannedRun>> entry : runsByPoint.entrySet()) {
      List<RunRecord> finished = finishedRuns(entry.getValue());
      Map<String, MeanWithError> stats = new LinkedHashMap<>();
      for (String metric : metrics) {
        double[] values =
            finished.stream()
                .filter(r -> r.finalValue(metric).isPresent())
                .mapToDouble(r -> r.finalValue(metric).getAsDouble())
                .toArray();
        if (values.length > 0) {
          stats.put(metric, MeanWithError.of(values));
        }
      }
      results.add(
          new GridPointResult(
              entry.getKey(), label(entry.getKey(), varyingKeys), entry.getValue().size(), finished.size(), stats));
    }
    return results;
  }

  /** The best eligible point by the selection metric, empty when none is eligible. */
  public static Optional<GridPointResult> best(List<GridPointResult> points, Selection selection) {
    GridPointResult best = null;
    for (GridPointResult point : points) {
      if (!point.eligible(selection.metric())) {
        continue;
      }
      double mean = point.stat(selection.metric()).orElseThrow().mean();
      if (Double.isNaN(mean)) {
        continue;
      }
      if (best == null) {
        best = point;
        continue;
      }
      double bestMean = best.stat(selection.metric()).orElseThrow().mean();
      if (selection.maximize() ? mean > bestMean : mean < bestMean) {
        best = point;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The runs (of the given ones) that have a summary.json, read. */
  public List<RunRecord> finishedRuns(List<PlannedRun> runs) throws IOException {
    List<RunRecord> finished = new ArrayList<>();
    for (PlannedRun run : runs) {
      if (Files.exists(run.directory().resolve(RunDirectory.SUMMARY))) {
        finished.add(RunRecord.read(run.directory()));
      }
    }
    return finished;
  }

  /** {@code lr=0.001, batch_size=256}; {@code base} for a grid without varying keys. */
  public static String label(Map<String, Object> point, List<String> varyingKeys) {
    if (varyingKeys.isEmpty()) {
      return "base";
    }
    return varyingKeys.stream()
        .map(k -> k + "=" + dev.lawn.experiments.report.ConfigValues.text(point.get(k)))
        .collect(Collectors.joining(", "));
  }
}
