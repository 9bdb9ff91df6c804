package dev.lawn.train.config;

/**
 * How often a run evaluates and checkpoints. These may change when a run resumes.
 *
 * @param evalEvery evaluate every N epochs (and at the end)
 * @param checkpointEvery checkpoint every N epochs (and at the end)
 * @param keepCheckpoints checkpoints kept (the best one is kept besides)
 */
public record LoggingSettings(int evalEvery, int checkpointEvery, int keepCheckpoints) {

  public LoggingSettings {
    Check.positive("--eval-every", evalEvery);
    Check.positive("--checkpoint-every", checkpointEvery);
    Check.positive("--keep-checkpoints", keepCheckpoints);
  }

  /** Evaluate and checkpoint every epoch, keep three. */
  public static LoggingSettings defaults() {
    return new LoggingSettings(1, 1, 3);
  }
}
