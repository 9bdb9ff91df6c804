package dev.lawn.train;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A hook into {@link Fit}'s loop, in Keras' sense: progress, logs, checkpoints, the NaN guard and early
 * stopping are callbacks ({@link dev.lawn.train.callbacks}); a user adds, removes or writes their own.
 * Callbacks run in the order given; every method has a no-op default.
 *
 * <p>Per epoch the loop calls {@link #onEpochBegin}, {@link #onStep} per optimizer step,
 * {@link #onEpochTrained} (the epoch's loss is known; may throw to stop a diverged run before
 * anything is written), then {@link #onEvaluation} on evaluation epochs, then {@link #onEpochEnd}.
 */
public interface Callback {

  /**
   * Before the first epoch; a resuming callback ({@link Resumable}) has restored the state, so
   * {@code context.state().epoch()} is the first epoch to train.
   */
  default void onTrainBegin(FitContext context) throws java.io.IOException {}

  /** Before epoch {@code epoch} (0-based). */
  default void onEpochBegin(FitContext context, int epoch) {}

  /**
   * After each optimizer step; {@code runningLoss} fetches the epoch's mean loss so far (a session
   * run: call it only when displaying).
   */
  default void onStep(FitContext context, int epoch, int stepInEpoch, int stepsPerEpoch, DoubleSupplier runningLoss) {}

  /** LAWN switched to the constrained phase after {@code completedEpochs} epochs, before step {@code step}. */
  default void onSwitch(FitContext context, int completedEpochs, long step, String reason) {}

  /** An epoch's training passes finished with mean loss {@code loss}; before evaluation. */
  default void onEpochTrained(FitContext context, int completedEpochs, long step, double loss) {}

  /** A metrics row (epoch, step, loss, lr, margins, phase, evaluation metrics, norms, timings). */
  default void onEvaluation(FitContext context, Map<String, Object> row) throws java.io.IOException {}

  /** After epoch {@code completedEpochs} (1-based count) and its evaluation. */
  default void onEpochEnd(FitContext context, int completedEpochs) throws java.io.IOException {}

  /** Something worth telling the user (resume, inactive LAWN groups, ...). */
  default void onMessage(String message) {}

  /** The run finished; {@code summary} is what {@code summary.json} holds. */
  default void onTrainEnd(FitContext context, Map<String, Object> summary) throws java.io.IOException {}

  /** Releases files; called once, also when the run fails. */
  default void close() throws java.io.IOException {}

  /** A callback that restores a run from what it saved (checkpoints). */
  interface Resumable extends Callback {
    /** Restores the session's variables and returns the saved state, or empty to start from scratch. */
    java.util.Optional<FitState> restore(FitContext context) throws java.io.IOException;
  }
}
