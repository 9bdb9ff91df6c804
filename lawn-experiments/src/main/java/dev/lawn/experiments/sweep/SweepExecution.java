package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.MeanWithError;
import dev.lawn.experiments.report.MetricNames;
import dev.lawn.experiments.report.RunRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sweep from plan to summary: run the grid x seeds, select the best grid point on the
 * selection metric, run it with {@code final_seeds}, report its test metric.
 */
public final class SweepExecution {

  private final SweepConfig config;
  private final RunLauncher launcher;
  private final PrintWriter progress;
  private final RunConfigResolver resolver;
  private final SweepPlanner planner;
  private final GridPointSelector selector = new GridPointSelector();

  /**
   * A sweep ready to run.
   *
   * @param config the validated sweep
   * @param launcher runs one training
   * @param progress where run starts, ends and failures are reported
   * @param resolver the configuration a planned run would train with, to reuse runs finished under
   *     another name ({@link RunConfigResolver#none()}: never)
   */
  public SweepExecution(SweepConfig config, RunLauncher launcher, PrintWriter progress, RunConfigResolver resolver) {
    this.config = config;
    this.launcher = launcher;
    this.progress = progress;
    this.resolver = resolver;
    this.planner = new SweepPlanner(config);
  }

  /** Runs the sweep (skipping finished runs) and summarizes it. */
  public SweepResult run() throws IOException, InterruptedException {
    List<PlannedRun> plan = planner.plan();
    plan.forEach(TrainArguments::of); // reject unusable options before launching anything
    planner.threadsShare().ifPresent(n -> progress.println("lawn sweep: " + config.parallel()
        + " runs at a time, each with --threads " + n + " (cores / parallel; set threads in base: to choose)"));
    SweepRunner runner = new SweepRunner(launcher, config.parallel(), progress, resolver);
    List<RunOutcome> gridOutcomes = runner.run(plan);

    Map<Map<String, Object>, List<PlannedRun>> byPoint = new LinkedHashMap<>();
    plan.forEach(run -> byPoint.computeIfAbsent(run.gridPoint(), p -> new ArrayList<>()).add(run));
    List<String> metrics = metrics(byPoint);
    List<GridPointResult> points = selector.summarize(byPoint, planner.varyingKeys(), metrics);

    Optional<GridPointResult> best = Optional.empty();
    List<RunOutcome> finalOutcomes = List.of();
    Optional<MeanWithError> finalReport = Optional.empty();
    if (config.selection().isPresent()) {
      Selection selection = config.selection().get();
      best = GridPointSelector.best(points, selection);
      if (best.isEmpty()) {
        progress.println(
            "lawn sweep: no grid point has '" + selection.metric() + "' in every seed's summary.json;"
                + " nothing selected");
      } else if (!config.finalSeeds().isEmpty()) {
        List<PlannedRun> finalRuns = planner.runsFor(best.get().point(), config.finalSeeds());
        progress.println("lawn sweep: selected " + best.get().label() + "; final seeds " + config.finalSeeds());
        finalOutcomes = runner.run(finalRuns);
        finalReport = reportOver(selector.finishedRuns(finalRuns), selection.reportMetric());
      } else {
        finalReport = best.get().stat(selection.reportMetric());
      }
    }
    return new SweepResult(
        config, metrics, planner.varyingKeys(), gridOutcomes, points, best, finalOutcomes, finalReport);
  }

  /** The selection and report metrics, or every metric the finished runs report. */
  private List<String> metrics(Map<Map<String, Object>, List<PlannedRun>> byPoint) throws IOException {
    if (config.selection().isPresent()) {
      Selection s = config.selection().get();
      return s.metric().equals(s.reportMetric()) ? List.of(s.metric()) : List.of(s.metric(), s.reportMetric());
    }
    List<RunRecord> finished = new ArrayList<>();
    for (List<PlannedRun> runs : byPoint.values()) {
      finished.addAll(selector.finishedRuns(runs));
    }
    return MetricNames.defaults(finished);
  }

  private static Optional<MeanWithError> reportOver(List<RunRecord> runs, String metric) {
    double[] values =
        runs.stream()
            .filter(r -> r.finalValue(metric).isPresent())
            .mapToDouble(r -> r.finalValue(metric).getAsDouble())
            .toArray();
    return values.length == 0 ? Optional.empty() : Optional.of(MeanWithError.of(values));
  }
}
