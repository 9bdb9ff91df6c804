package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.MeanWithError;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a sweep invocation did and found.
 *
 * @param config the sweep
 * @param metrics the metrics summarized per grid point, in column order
 * @param varyingKeys grid keys with more than one value
 * @param gridOutcomes the grid runs' fates, in plan order
 * @param points the grid points summarized
 * @param best the selected point (empty without {@code select:} or without an eligible point)
 * @param finalOutcomes the chosen point's {@code final_seeds} runs (empty without final_seeds)
 * @param finalReport the chosen point's report metric over its final runs (or, without
 *     final_seeds, over its selection runs)
 */
public record SweepResult(
    SweepConfig config,
    List<String> metrics,
    List<String> varyingKeys,
    List<RunOutcome> gridOutcomes,
    List<GridPointResult> points,
    Optional<GridPointResult> best,
    List<RunOutcome> finalOutcomes,
    Optional<MeanWithError> finalReport) {

  /** Copies the lists. */
  public SweepResult {
    metrics = List.copyOf(metrics);
    varyingKeys = List.copyOf(varyingKeys);
    gridOutcomes = List.copyOf(gridOutcomes);
    points = List.copyOf(points);
    finalOutcomes = List.copyOf(finalOutcomes);
  }

  /** Every failed run, grid and final. */
  public List<RunOutcome> failures() {
    return Stream.concat(gridOutcomes.stream(), finalOutcomes.stream())
        .filter(o -> o.status() == RunOutcome.Status.FAILED)
        .toList();
  }

  /**
   * The runs found finished under another name and renamed to their planned one (grid and final),
   * in plan order.
   */
  public List<RunOutcome> reused() {
    return Stream.concat(gridOutcomes.stream(), finalOutcomes.stream())
        .filter(o -> o.reusedFrom().isPresent())
        .toList();
  }

  /** Count of runs with the given status, grid and final. */
  public long count(RunOutcome.Status status) {
    return Stream.concat(gridOutcomes.stream(), finalOutcomes.stream())
        .filter(o -> o.status() == status)
        .count();
  }

  /** True when the sweep did all it was asked: no failed run, and a selection if one was asked. */
  public boolean succeeded() {
    return failures().isEmpty() && (config.selection().isEmpty() || best.isPresent());
  }
}
