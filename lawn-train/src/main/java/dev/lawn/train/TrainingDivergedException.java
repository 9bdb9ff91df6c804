package dev.lawn.train;

/** The loss became NaN or infinite; the run stopped without writing a checkpoint of the bad state. */
public final class TrainingDivergedException extends RuntimeException {

  public TrainingDivergedException(String message) {
    super(message);
  }
}
