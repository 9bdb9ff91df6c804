package dev.lawn.experiments.sweep;

import dev.lawn.train.RunLock;
import dev.lawn.train.TrainMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep: a grid of training configurations times seeds, run as separate trainings, resumably,
 * then summarized; with {@code select:}, the best grid point on a validation metric, rerun with
 * {@code final_seeds} and reported on its test metric. The entry point of the sweep library
 * ({@code lawn sweep FILE} is a thin command over it).
 *
 * <pre>{@code
 * Sweep sweep = Sweep.load(Path.of("sweep.yaml")).withParallel(2);
 * // Each run is a child JVM running lawn-train's TrainMain on this classpath (lawn-tools not needed).
 * SweepResult result = sweep.run(new PrintWriter(System.out, true));
 * result.best().ifPresent(point -> System.out.println("best: " + point.label()));
 * }</pre>
 *
 * <p>{@link #run(PrintWriter)} launches {@link ChildJvmLauncher#trainMain()} children and resolves runs
 * with {@link RunConfigResolver#trainOptions()}; {@link #run(RunLauncher, RunConfigResolver, PrintWriter)}
 * takes others ({@code lawn sweep} launches {@code lawn train} children, a test a fake trainer).
 *
 * <p>{@link #run} skips runs that finished earlier (their {@code summary.json} exists) and
 * relaunches the others, whose trainer resumes from its checkpoints; it holds the output folder's
 * {@link RunLock} so that two sweeps never launch the same runs, and writes
 * {@code sweep-summary.md}/{@code .json} there ({@link SweepSummaryWriter}).
 */
public final class Sweep {

  private final SweepConfig config;

  private Sweep(SweepConfig config) {
    this.config = config;
  }

  /**
   * Reads a sweep file (YAML, or JSON for a {@code .json} name): see {@link SweepConfigLoader} for
   * its keys.
   *
   * @throws IllegalArgumentException naming the file (and line, for a syntax error) when it is
   *     missing or invalid
   */
  public static Sweep load(Path file) throws IOException {
    return new Sweep(new SweepConfigLoader().load(file));
  }

  /** A sweep of an already validated configuration. */
  public static Sweep of(SweepConfig config) {
    return new Sweep(config);
  }

  /** The validated configuration. */
  public SweepConfig config() {
    return config;
  }

  /** The same sweep writing into another folder. */
  public Sweep withOut(Path out) {
    return new Sweep(config.withOut(out));
  }

  /** The same sweep with {@code parallel} runs at a time. */
  public Sweep withParallel(int parallel) {
    return new Sweep(config.withParallel(parallel));
  }

  /** The grid runs, in order (the final-seed runs are planned once a point is selected). */
  public List<PlannedRun> plan() {
    return new SweepPlanner(config).plan();
  }

  /**
   * Runs the sweep to the end with {@link TrainMain} children ({@link ChildJvmLauncher#trainMain()}),
   * reusing a run finished under another name ({@link RunConfigResolver#trainOptions()}), and writes its
   * summary files.
   *
   * @see #run(RunLauncher, RunConfigResolver, PrintWriter)
   */
  public SweepResult run(PrintWriter progress) throws IOException, InterruptedException {
    return run(ChildJvmLauncher.trainMain(), progress);
  }

  /**
   * Runs the sweep to the end with {@code launcher}, resolving runs with
   * {@link RunConfigResolver#trainOptions()}, and writes its summary files.
   *
   * @see #run(RunLauncher, RunConfigResolver, PrintWriter)
   */
  public SweepResult run(RunLauncher launcher, PrintWriter progress) throws IOException, InterruptedException {
    return run(launcher, RunConfigResolver.trainOptions(), progress);
  }

  /**
   * Runs the sweep to the end and writes its summary files.
   *
   * @param launcher runs one training ({@link ChildJvmLauncher}: {@link TrainMain} or {@code lawn train} children)
   * @param resolver the configuration a planned run would train with, so that a run finished
   *     under another name (the grid grew) is reused rather than trained again;
   *     {@link RunConfigResolver#none()} never reuses
   * @param progress one line per run started, finished, skipped, reused or failed
   * @return what was run and found; {@link SweepResult#succeeded()} is false after a failed run
   * @throws RunLock.InUseException when another sweep holds the output folder
   */
  public SweepResult run(RunLauncher launcher, RunConfigResolver resolver, PrintWriter progress)
      throws IOException, InterruptedException {
    try (RunLock held = RunLock.acquire(config.out())) { // one sweep per folder: two would launch the same runs
      SweepResult result = new SweepExecution(config, launcher, progress, resolver).run();
      SweepSummaryWriter.write(result);
      return result;
    }
  }
}
