package dev.lawn.data.fuzz;

import java.time.Duration;

/**
 * Size of a fuzz run, from system properties so that the nightly-style run uses the same test
 * classes: {@code -Dlawn.fuzz.cases=10000} (random cases per target), {@code -Dlawn.fuzz.seed=N},
 * {@code -Dlawn.fuzz.timeoutMs=N} (per case) and {@code -Dlawn.fuzz.maxLineBytes=N} (upper size of
 * the enormous-line corruption).
 */
record FuzzSettings(int cases, long seed, Duration timeout, int maxLineBytes) {

  /** Random cases per target in the regular test run. */
  static final int REGULAR_CASES = 400;
  /** Seed of the regular run (any fixed value: the point is that failures reproduce). */
  static final long DEFAULT_SEED = 20261129L;

  /**
   * Per-case timeout. A case takes milliseconds; an 8 MB line took up to 6.5 s on this 2-core machine
   * under a load average of 30, so the timeout is wide and the lines are smaller by default: a timeout
   * must mean a hang, not a busy machine.
   */
  static final long DEFAULT_TIMEOUT_MS = 10_000L;
  /** Upper size of the enormous-line corruption (1 MB to this). */
  static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;

  /** Settings from the system properties; {@code regularCases} when {@code lawn.fuzz.cases} is unset. */
  static FuzzSettings fromSystemProperties(int regularCases) {
    return new FuzzSettings(Integer.getInteger("lawn.fuzz.cases", regularCases),
        Long.getLong("lawn.fuzz.seed", DEFAULT_SEED),
        Duration.ofMillis(Long.getLong("lawn.fuzz.timeoutMs", DEFAULT_TIMEOUT_MS)),
        Integer.getInteger("lawn.fuzz.maxLineBytes", DEFAULT_MAX_LINE_BYTES));
  }
}
