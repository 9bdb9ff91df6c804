package dev.lawn.bench.reliability;

import java.util.Random;

/**
 * Draws kill moments from a seeded random stream: 20 % during start-up (uniform over the measured
 * start-up time), 40 % during training (uniform over three epochs after the trainer's start line),
 * 40 % during a checkpoint write (skipping 0-2 writes, then killing at once, or after a delay
 * log-uniform in 0.1-50 ms so that kills land at every stage of a write on a slow or a fast disk).
 * The same seed and timings give the same plans; where the kills land still depends on the machine.
 */
public final class KillPlanner {

  static final double STARTUP_SHARE = 0.2;
  static final double TRAINING_SHARE = 0.4;
  static final int TRAINING_EPOCHS_WINDOW = 3;
  static final int MAX_WRITES_SKIPPED = 2;
  static final long MIN_SETTLE_MICROS = 100;
  static final long MAX_SETTLE_MICROS = 50_000;

  private final Random random;
  private final long startupMillis;
  private long epochMillis;

  /**
   * @param seed seed of the stream
   * @param startupMillis measured time from process start to the trainer's start line
   * @param epochMillis measured wall time of one epoch (training, evaluation, checkpoint)
   */
  public KillPlanner(long seed, long startupMillis, long epochMillis) {
    if (startupMillis < 1 || epochMillis < 1) {
      throw new IllegalArgumentException("startupMillis and epochMillis must be >= 1, got "
          + startupMillis + ", " + epochMillis);
    }
    this.random = new Random(seed);
    this.startupMillis = startupMillis;
    this.epochMillis = epochMillis;
  }

  /**
   * Folds an epoch time observed in a tortured life into the scale of training kills (the machine's
   * load changes over a long torture; a stale, too long epoch time makes training kills skip many
   * epochs and the run end before its kills are done).
   */
  public void observeEpochMillis(long observed) {
    if (observed >= 1) {
      epochMillis = Math.max(1, (epochMillis + observed) / 2);
    }
  }

  /** The current epoch-time scale. */
  public long epochMillis() {
    return epochMillis;
  }

  /** The next kill. */
  public KillPlan next() {
    double kind = random.nextDouble();
    if (kind < STARTUP_SHARE) {
      return new KillPlan(KillPlan.Moment.STARTUP, (long) (random.nextDouble() * startupMillis), 0, 0);
    }
    if (kind < STARTUP_SHARE + TRAINING_SHARE) {
      long window = TRAINING_EPOCHS_WINDOW * epochMillis;
      return new KillPlan(KillPlan.Moment.TRAINING, (long) (random.nextDouble() * window), 0, 0);
    }
    int skip = random.nextInt(MAX_WRITES_SKIPPED + 1);
    long settle = random.nextInt(4) == 0 ? 0
        : (long) (MIN_SETTLE_MICROS * Math.pow((double) MAX_SETTLE_MICROS / MIN_SETTLE_MICROS, random.nextDouble()));
    return new KillPlan(KillPlan.Moment.CHECKPOINT_WRITE, 0, skip, settle);
  }
}
