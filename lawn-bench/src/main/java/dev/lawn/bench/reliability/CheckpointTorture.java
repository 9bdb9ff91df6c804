package dev.lawn.bench.reliability;

import dev.lawn.train.RunDirectory;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Starts {@code lawn train} on one run directory again and again, SIGKILLs each child at a planned
 * moment, until {@code kills} kills are done; then lets the last child finish. Each child resumes
 * from whatever the previous one left behind.
 */
public final class CheckpointTorture {

  /** Polling period while waiting for a staging directory: a checkpoint write takes a few ms. */
  private static final long POLL_NANOS = 200_000;

  private final TrainChild child;
  private final Duration lifeTimeout;
  private final Consumer<String> progress;
  /** When the current life printed its start line (TRAINING kills only), else 0. */
  private long trainingStarted;

  /**
   * @param child starts the trainer
   * @param lifeTimeout longest one child may run (a hung trainer fails the torture)
   * @param progress receives one line per kill
   */
  public CheckpointTorture(TrainChild child, Duration lifeTimeout, Consumer<String> progress) {
    this.child = child;
    this.lifeTimeout = lifeTimeout;
    this.progress = progress;
  }

  /**
   * Tortures the run in {@code runDir} (new or unfinished) with {@code kills} kills.
   *
   * @param logDir receives one log per child ({@code life-001.log}, ...)
   */
  public TortureOutcome run(TrainSettings settings, Path runDir, Path logDir, int kills, KillPlanner planner)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    List<KillRecord> records = new ArrayList<>();
    for (int life = 1; ; life++) {
      Path log = logDir.resolve(String.format("life-%03d.log", life));
      int epochBefore = checkpointedEpoch(runDir);
      Set<String> stale = StagingSnapshot.names(runDir);
      long lifeStart = System.nanoTime();
      Process process = child.start(settings.arguments(runDir), log);
      try {
        if (records.size() < kills) {
          KillPlan plan = planner.next();
          trainingStarted = 0;
          if (awaitMoment(process, plan, runDir, log, stale, lifeStart)) {
            process.destroyForcibly();
            process.waitFor();
            long killed = System.nanoTime();
            long millis = (killed - lifeStart) / 1_000_000;
            int progressed = checkpointedEpoch(runDir) - epochBefore;
            if (trainingStarted > 0 && progressed > 0) {
              planner.observeEpochMillis((killed - trainingStarted) / 1_000_000 / progressed);
            }
            List<String> staged = StagingSnapshot.files(runDir, stale);
            if (Files.exists(runDir.resolve(RunDirs.SUMMARY))) {
              // The trainer had finished (summary.json is written last) before the kill landed.
              progress.accept("kill after the run had finished: not counted");
              return new TortureOutcome(records, life, 0, log, (System.nanoTime() - started) / 1e9, true);
            }
            KillRecord kill = new KillRecord(records.size() + 1, life, plan.moment(), millis, epochBefore,
                checkpointedEpoch(runDir), StagingSnapshot.stage(staged), staged,
                CheckpointAudit.publishedProblems(runDir));
            records.add(kill);
            progress.accept(describe(kill));
            continue;
          }
        }
        boolean ended = process.waitFor(lifeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        int code = ended ? process.exitValue() : -1;
        return new TortureOutcome(records, life, code, log, (System.nanoTime() - started) / 1e9, false);
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly();
          process.waitFor();
        }
      }
    }
  }

  /** Waits for the planned moment; false when the child ended (or timed out) first. */
  private boolean awaitMoment(Process process, KillPlan plan, Path runDir, Path log, Set<String> stale,
      long lifeStart) throws IOException, InterruptedException {
    long deadline = lifeStart + lifeTimeout.toNanos();
    switch (plan.moment()) {
      case STARTUP -> {
        return !process.waitFor(plan.delayMillis(), TimeUnit.MILLISECONDS);
      }
      case TRAINING -> {
        while (!TrainerLog.started(log)) {
          if (!process.isAlive() || System.nanoTime() > deadline) {
            return false;
          }
          Thread.sleep(2);
        }
        trainingStarted = System.nanoTime();
        return !process.waitFor(plan.delayMillis(), TimeUnit.MILLISECONDS);
      }
      case CHECKPOINT_WRITE -> {
        Set<String> seen = new HashSet<>(stale);
        int appeared = 0;
        while (process.isAlive() && System.nanoTime() < deadline) {
          for (String name : StagingSnapshot.names(runDir)) {
            if (seen.add(name) && ++appeared > plan.checkpointWritesToSkip()) {
              settle(plan.settleMicros());
              return process.isAlive();
            }
          }
          LockSupport.parkNanos(POLL_NANOS);
        }
        return false;
      }
      default -> throw new IllegalStateException("unknown moment " + plan.moment());
    }
  }

  /** Waits {@code micros}: parks for the bulk, spins the last millisecond (a park may overshoot by 50 µs or more). */
  private static void settle(long micros) {
    long until = System.nanoTime() + micros * 1000;
    for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
      if (left > 1_000_000) {
        LockSupport.parkNanos(left - 1_000_000);
      } else {
        Thread.onSpinWait();
      }
    }
  }

  /**
   * Starts the trainer and SIGKILLs it as soon as epoch {@code epoch} is checkpointed (the kill may
   * cut the best-checkpoint copy that follows short).
   *
   * @throws IOException when the trainer ends before
   */
  public static void killAfterCheckpoint(TrainChild child, TrainSettings settings, Path runDir, Path log, int epoch)
      throws IOException, InterruptedException {
    Process process = child.start(settings.arguments(runDir), log);
    try {
      while (checkpointedEpoch(runDir) < epoch) {
        if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
          throw new IOException("the trainer ended (exit " + process.exitValue() + ") before checkpointing epoch "
              + epoch + ": see " + log);
        }
      }
    } finally {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** Epoch of the latest complete checkpoint, 0 when there is none. */
  static int checkpointedEpoch(Path runDir) throws IOException {
    Path dir = runDir.resolve(RunDirectory.CHECKPOINTS);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    Optional<Checkpoint> latest = new CheckpointStore(dir, 1).latest();
    return latest.map(c -> c.meta().epoch()).orElse(0);
  }

  private static String describe(KillRecord k) {
    return String.format("kill %3d (life %3d) %-16s at %6d ms: epoch %d -> %d%s", k.number(), k.life(), k.moment(),
        k.millisAfterStart(), k.epochBefore(), k.epochAfter(),
        (k.interruptedWrite() == null ? "" : ", interrupted: " + k.interruptedWrite())
            + (k.checkpointProblems().isEmpty() ? "" : ", BROKEN: " + k.checkpointProblems()));
  }
}
