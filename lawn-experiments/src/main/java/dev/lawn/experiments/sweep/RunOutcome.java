package dev.lawn.experiments.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one planned run in this invocation of the sweep.
 *
 * @param run the run
 * @param status skipped (finished earlier), finished now, or failed
 * @param exitCode the trainer's exit code; -1 when it was not run or could not start
 * @param logTail last lines of train.log (failures only)
 * @param duration wall time of this invocation's attempt (zero when skipped)
 * @param reusedFrom for a skipped run that had finished under another name in the same folder (the
 *     grid grew, so names changed) and was renamed to this run's name: that former name
 */
public record RunOutcome(
    PlannedRun run, Status status, int exitCode, List<String> logTail, Duration duration, Optional<String> reusedFrom) {

  /** The three fates of a run. */
  public enum Status {
    /** summary.json existed before (maybe under another name, see reusedFrom): not run again. */
    SKIPPED,
    /** Ran and wrote summary.json. */
    FINISHED,
    /** Non-zero exit, no summary.json, or could not start. */
    FAILED
  }

  /** Copies the tail. */
  public RunOutcome {
    logTail = List.copyOf(logTail);
    if (reusedFrom.isPresent() && status != Status.SKIPPED) {
      throw new IllegalArgumentException("only a skipped run can have been reused, not a " + status + " one");
    }
  }

  /** An outcome of a run that was not reused from another name. */
  public RunOutcome(PlannedRun run, Status status, int exitCode, List<String> logTail, Duration duration) {
    this(run, status, exitCode, logTail, duration, Optional.empty());
  }

  /**
   * A run found finished under {@code formerName} and renamed to its planned name: skipped like a
   * run finished earlier under its own name, so that selection counts it.
   */
  public static RunOutcome reused(PlannedRun run, String formerName) {
    return new RunOutcome(run, Status.SKIPPED, -1, List.of(), Duration.ZERO, Optional.of(formerName));
  }

  /** True when the run has its summary.json now. */
  public boolean hasSummary() {
    return status != Status.FAILED;
  }
}
