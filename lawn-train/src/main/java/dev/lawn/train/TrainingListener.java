package dev.lawn.train;

import java.util.Map;
import java.util.function.DoubleSupplier;

/** Progress of a run, for progress bars and logs. Every method has a no-op default. */
public interface TrainingListener {

  /** Before the first epoch of this process (after a resume, {@code firstEpoch > 0}). */
  default void onStart(TrainConfig config, int firstEpoch, int stepsPerEpoch, String modelSummary) {}

  /** Before each epoch (0-based). */
  default void onEpochStart(int epoch) {}

  /**
   * After each optimizer step; {@code runningLoss} fetches the epoch's mean loss so far (a session
   * run: call it only when displaying).
   */
  default void onStep(int epoch, int stepInEpoch, int stepsPerEpoch, DoubleSupplier runningLoss) {}

  /** LAWN switched to constrained training. */
  default void onSwitch(int completedEpochs, long step, String reason) {}

  /** A row of {@code metrics.jsonl} was written. */
  default void onEvaluation(Map<String, Object> row) {}

  /** Anything worth telling the user (resume, inactive groups, ...). */
  default void onMessage(String message) {}

  /** The run finished; {@code summary} is what {@code summary.json} holds. */
  default void onFinish(Map<String, Object> summary) {}
}
