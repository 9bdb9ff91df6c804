package dev.lawn.tools.sweep;

import java.time.Duration;
import java.util.List;

/**
 * What happened to one planned run in this invocation of the sweep.
 *
 * @param run the run
 * @param status skipped (finished earlier), finished now, or failed
 * @param exitCode the trainer's exit code; -1 when it was not run or could not start
 * @param logTail last lines of train.log (failures only)
 * @param duration wall time of this invocation's attempt (zero when skipped)
 */
public record RunOutcome(PlannedRun run, Status status, int exitCode, List<String> logTail, Duration duration) {

  /** The three fates of a run. */
  public enum Status {
    /** summary.json existed before: not run again. */
    SKIPPED,
    /** Ran and wrote summary.json. */
    FINISHED,
    /** Non-zero exit, no summary.json, or could not start. */
    FAILED
  }

  /** Copies the tail. */
  public RunOutcome {
    logTail = List.copyOf(logTail);
  }

  /** True when the run has its summary.json now. */
  public boolean hasSummary() {
    return status != Status.FAILED;
  }
}
