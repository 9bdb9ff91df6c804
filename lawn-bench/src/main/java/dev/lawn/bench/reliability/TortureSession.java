package dev.lawn.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A whole checkpoint torture in {@code workDir}: an uninterrupted reference run (which also
 * measures start-up and epoch time for the kill planner), the tortured run, the checks, and a
 * replay of the oldest kept checkpoint (optional).
 *
 * <pre>{@code
 * TrainChild child = TrainChild.trainMain(List.of()); // lawn torture passes lawn train instead
 * Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
 * TortureReport report = new TortureSession(child, System.err::println)
 *     .run(new TrainSettings(data, 40, 256, 1, List.of()), work, 50, 7, true);
 * System.out.print(report.text());
 * }</pre>
 *
 * <p>Layout: {@code reference/}, {@code tortured/}, {@code replay/} (run folders), {@code logs/}.
 */
public final class TortureSession {

  private final TrainChild child;
  private final Consumer<String> progress;

  /**
   * @param child starts the trainer ({@code lawn train} or lawn-train's {@code TrainMain})
   * @param progress receives a line for the reference run and one per kill
   */
  public TortureSession(TrainChild child, Consumer<String> progress) {
    this.child = child;
    this.progress = progress;
  }

  /**
   * Runs it all.
   *
   * @param kills SIGKILLs to survive
   * @param seed seed of the kill moments
   * @param replay also restore the oldest kept checkpoint into a fresh run and train it to the end
   */
  public TortureReport run(TrainSettings settings, Path workDir, int kills, long seed, boolean replay)
      throws IOException, InterruptedException {
    if (kills < 0) {
      throw new IllegalArgumentException("kills must be >= 0, got " + kills);
    }
    Path reference = workDir.resolve("reference");
    Path tortured = workDir.resolve("tortured");
    Path logs = workDir.resolve("logs");
    for (Path p : List.of(reference, tortured, workDir.resolve("replay"))) {
      if (Files.exists(p)) {
        throw new IllegalArgumentException(p + " exists: use an empty work directory");
      }
    }
    ReferenceTiming timing = referenceRun(settings, reference, logs.resolve("reference.log"));
    progress.accept(String.format("reference run: %.1f s, start-up %d ms, %d ms per epoch", timing.seconds,
        timing.startupMillis, timing.epochMillis));

    // A child may take start-up plus every epoch, twice over on a busy machine, plus slack.
    Duration lifeTimeout = Duration.ofMillis(2 * (timing.startupMillis + settings.epochs() * timing.epochMillis) + 60_000);
    KillPlanner planner = new KillPlanner(seed, timing.startupMillis, timing.epochMillis);
    TortureOutcome outcome = new CheckpointTorture(child, lifeTimeout, progress)
        .run(settings, tortured, logs, kills, planner);

    List<Check> checks = new ArrayList<>(TortureVerifier.verify(reference, tortured, outcome));
    if (replay && outcome.finalExitCode() == 0) {
      checks.add(ReplayCheck.run(child, settings, tortured, reference, workDir.resolve("replay")));
    }
    return new TortureReport(settings.options(), timing.seconds, timing.startupMillis, timing.epochMillis, outcome, checks);
  }

  private record ReferenceTiming(double seconds, long startupMillis, long epochMillis) {}

  /** The uninterrupted run; the time of its start line splits start-up from training. */
  private ReferenceTiming referenceRun(TrainSettings settings, Path runDir, Path log)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process process = child.start(settings.arguments(runDir), log);
    long startLine = -1;
    try {
      while (!process.waitFor(5, TimeUnit.MILLISECONDS)) {
        if (startLine < 0 && TrainerLog.started(log)) {
          startLine = System.nanoTime();
        }
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
    long end = System.nanoTime();
    if (process.exitValue() != 0 || startLine < 0) {
      throw new IOException("the reference run failed (exit " + process.exitValue() + "): see " + log);
    }
    long startup = Math.max(1, (startLine - t0) / 1_000_000);
    long epoch = Math.max(1, (end - startLine) / 1_000_000 / settings.epochs());
    return new ReferenceTiming((end - t0) / 1e9, startup, epoch);
  }
}
