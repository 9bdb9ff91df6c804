package dev.lawn.bench.reliability;

import java.util.List;

/**
 * One SIGKILL of a tortured trainer and what it interrupted.
 *
 * @param number 1-based kill count
 * @param life the child process (1-based) that was killed
 * @param moment the kind of moment aimed at
 * @param millisAfterStart when the kill was sent, after the child started
 * @param epochBefore last checkpointed epoch when the child started
 * @param epochAfter last checkpointed epoch after the kill
 * @param interruptedWrite the stage of the checkpoint write the kill interrupted (see {@link
 *     StagingSnapshot}), or null when no staging directory was left behind
 * @param stagedFiles files (with sizes) of the staging directories left behind
 * @param checkpointProblems published checkpoints found incomplete or truncated right after the kill
 */
public record KillRecord(int number, int life, KillPlan.Moment moment, long millisAfterStart, int epochBefore,
    int epochAfter, String interruptedWrite, List<String> stagedFiles, List<String> checkpointProblems) {

  /** Freezes. */
  public KillRecord {
    stagedFiles = List.copyOf(stagedFiles);
    checkpointProblems = List.copyOf(checkpointProblems);
  }
}
