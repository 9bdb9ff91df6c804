package dev.lawn.train;

import java.util.Map;
import java.util.function.DoubleSupplier;

/** A {@link TrainingListener} (the command line's progress bar) heard as a {@link Callback}. */
final class ListenerCallback implements Callback {

  private final TrainingListener listener;
  private final TrainConfig config;
  private final String modelSummary;

  ListenerCallback(TrainingListener listener, TrainConfig config, String modelSummary) {
    this.listener = listener;
    this.config = config;
    this.modelSummary = modelSummary;
  }

  @Override
  public void onTrainBegin(FitContext context) {
    listener.onStart(config, context.firstEpoch(), context.stepsPerEpoch(), modelSummary);
  }

  @Override
  public void onEpochBegin(FitContext context, int epoch) {
    listener.onEpochStart(epoch);
  }

  @Override
  public void onStep(FitContext context, int epoch, int stepInEpoch, int stepsPerEpoch, DoubleSupplier runningLoss) {
    listener.onStep(epoch, stepInEpoch, stepsPerEpoch, runningLoss);
  }

  @Override
  public void onSwitch(FitContext context, int completedEpochs, long step, String reason) {
    listener.onSwitch(completedEpochs, step, reason);
  }

  @Override
  public void onEvaluation(FitContext context, Map<String, Object> row) {
    listener.onEvaluation(row);
  }

  @Override
  public void onMessage(String message) {
    listener.onMessage(message);
  }

  @Override
  public void onTrainEnd(FitContext context, Map<String, Object> summary) {
    listener.onFinish(summary);
  }
}
