package dev.lawn.bench.reliability;

/**
 * When to SIGKILL one life of a tortured trainer.
 *
 * @param moment which kind of moment
 * @param delayMillis for {@link Moment#STARTUP}: after the process started; for {@link
 *     Moment#TRAINING}: after the trainer printed its start line (graph built, checkpoint restored)
 * @param checkpointWritesToSkip for {@link Moment#CHECKPOINT_WRITE}: staging directories that may
 *     appear (and be published) before the one the kill aims at, so that the run makes progress
 * @param settleMicros for {@link Moment#CHECKPOINT_WRITE}: wait after the staging directory appears,
 *     so kills land at different points of the write (0 = at once)
 */
public record KillPlan(Moment moment, long delayMillis, int checkpointWritesToSkip, long settleMicros) {

  /** The kinds of moments a kill aims at. */
  public enum Moment {
    /** While the JVM starts, loads data, builds the graph, restores, rewrites the metrics log. */
    STARTUP,
    /** During training: mostly inside an epoch, sometimes at an epoch's end. */
    TRAINING,
    /** While a checkpoint (or the best checkpoint's copy) is being staged: a {@code .tmp-*} directory exists. */
    CHECKPOINT_WRITE
  }

  /** Validates. */
  public KillPlan {
    if (moment == null) {
      throw new IllegalArgumentException("moment must not be null");
    }
    if (delayMillis < 0 || checkpointWritesToSkip < 0 || settleMicros < 0) {
      throw new IllegalArgumentException("delays and counts must be >= 0: " + delayMillis + ", "
          + checkpointWritesToSkip + ", " + settleMicros);
    }
  }
}
