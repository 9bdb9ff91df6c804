package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.RunDirectoryScanner;
import dev.lawn.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs planned runs, {@code parallel} at a time, and reports each one's fate.
 *
 * <p>Resumable by construction: a run whose summary.json exists is skipped; any other is launched
 * again (the trainer resumes from its own checkpoints). A failed run does not stop the others.
 *
 * <p>A run that finished under another name in the same folder, with the same configuration (the
 * grid grew, so the names changed), is renamed to its planned name rather than trained again: see
 * {@link FinishedRunAdopter}.
 */
public final class SweepRunner {

  /** Lines of train.log shown for a failed run. */
  public static final int LOG_TAIL_LINES = 15;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final RunLauncher launcher;
  private final int parallel;
  private final PrintWriter progress;
  private final FinishedRunAdopter adopter;

  /**
   * A runner.
   *
   * @param launcher starts one training
   * @param parallel runs at a time, at least 1
   * @param progress where one line per start/finish/failure goes
   * @param resolver the configuration a planned run would train with, to reuse a run finished under
   *     another name ({@link RunConfigResolver#none()}: never)
   */
  public SweepRunner(RunLauncher launcher, int parallel, PrintWriter progress, RunConfigResolver resolver) {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
    }
    this.launcher = launcher;
    this.parallel = parallel;
    this.progress = progress;
    this.adopter = new FinishedRunAdopter(resolver, this::say);
  }

  /** Log file of a run. */
  public static Path logFile(PlannedRun run) {
    return run.directory().resolve(RunDirectoryScanner.TRAIN_LOG);
  }

  /**
   * Runs (or skips, or reuses) every run and returns the outcomes in plan order. The runs of every
   * call are this sweep's: a later call (the final seeds) never takes their folders over.
   */
  public List<RunOutcome> run(List<PlannedRun> runs) throws InterruptedException {
    adopter.plan(runs);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            task -> {
              Thread thread = new Thread(task, "lawn-sweep-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<RunOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        PlannedRun run = runs.get(i);
        String tag = "[" + (i + 1) + "/" + runs.size() + "]";
        futures.add(pool.submit(() -> execute(run, tag)));
      }
      List<RunOutcome> outcomes = new ArrayList<>();
      for (Future<RunOutcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("sweep task failed unexpectedly", e.getCause());
        }
      }
      return outcomes;
    } finally {
      // On interruption this interrupts the launchers, which stop their trainers.
      pool.shutdownNow();
    }
  }

  private RunOutcome execute(PlannedRun run, String tag) {
    Path summary = run.directory().resolve(RunDirectory.SUMMARY);
    if (Files.exists(summary)) {
      say(tag + " skip    " + run.name() + " (finished earlier)");
      return new RunOutcome(run, RunOutcome.Status.SKIPPED, -1, List.of(), Duration.ZERO);
    }
    Optional<String> reusedFrom = adopter.adopt(run, tag);
    if (reusedFrom.isPresent()) {
      return RunOutcome.reused(run, reusedFrom.get());
    }
    Path log = logFile(run);
    say(tag + (Files.exists(run.directory()) ? " resume  " : " start   ") + run.name());
    long start = System.nanoTime();
    int exitCode;
    List<String> problem = new ArrayList<>();
    try {
      Files.createDirectories(run.directory());
      exitCode = launcher.run(TrainArguments.of(run), log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exitCode = -1;
      problem.add("interrupted");
    } catch (IOException | RuntimeException e) {
      exitCode = -1;
      problem.add("could not run the trainer: " + e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (exitCode == 0 && Files.exists(summary)) {
      say(String.format(Locale.ROOT, "%s done    %s in %.1f s", tag, run.name(), took.toMillis() / 1000.0));
      return new RunOutcome(run, RunOutcome.Status.FINISHED, 0, List.of(), took);
    }
    if (exitCode == 0) {
      problem.add("trainer exited 0 but wrote no " + RunDirectory.SUMMARY);
    }
    List<String> tail = new ArrayList<>(tailOf(log));
    tail.addAll(problem);
    StringBuilder message =
        new StringBuilder(tag + " FAILED  " + run.name() + " (exit code " + exitCode + "), log: " + log);
    tail.forEach(line -> message.append("\n    | ").append(line));
    say(message.toString());
    return new RunOutcome(run, RunOutcome.Status.FAILED, exitCode, tail, took);
  }

  private static List<String> tailOf(Path log) {
    try {
      return LogTail.last(log, LOG_TAIL_LINES);
    } catch (IOException e) {
      return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
    }
  }

  private void say(String line) {
    synchronized (progress) {
      progress.println(line);
      progress.flush();
    }
  }
}
