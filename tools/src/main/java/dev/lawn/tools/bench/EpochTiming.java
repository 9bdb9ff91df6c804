package dev.lawn.tools.bench;

/**
 * One training epoch's examples and time (the training loop only: input, steps; not evaluation).
 *
 * @param epoch 1-based epoch
 * @param phase {@code free} or {@code constrained} (LAWN's phase during the whole epoch)
 * @param samples training examples
 * @param seconds wall time of the epoch's training loop
 * @param inputSeconds of which spent obtaining input (waiting for the pipeline, or building tensors), NaN if unknown
 * @param cpuSeconds process CPU time (all threads) during the epoch's training loop, NaN if unknown
 */
record EpochTiming(int epoch, String phase, long samples, double seconds, double inputSeconds, double cpuSeconds) {

  /** Examples per second. */
  double rate() {
    return samples / seconds;
  }
}
