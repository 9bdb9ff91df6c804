package dev.lawn.bench;

/**
 * One training epoch's examples and time (the training loop only: input, steps; not evaluation),
 * with its first step apart: that step carries one-time costs (LAWN's switch, and TensorFlow
 * preparing a subgraph the first time a new step op runs), so steady-state rates leave it out.
 *
 * @param epoch 1-based epoch
 * @param phase {@code free} or {@code constrained} (LAWN's phase during the whole epoch)
 * @param samples training examples
 * @param seconds wall time of the epoch's training loop
 * @param inputSeconds of which spent obtaining input (waiting for the pipeline, or building tensors), NaN if unknown
 * @param cpuSeconds process CPU time (all threads) during the epoch's training loop, NaN if unknown
 * @param firstStepSamples examples of the epoch's first step (0 if its time is unknown)
 * @param firstStepSeconds wall time from the epoch's start to the end of its first step (0 if unknown)
 * @param firstStepCpuSeconds process CPU time of the same span (0 if unknown)
 * @param firstStepInputSeconds of which spent obtaining the first batch (0 if unknown); for a pipeline
 *     this is where the epoch's own preparation (negative sampling, shuffling) shows
 */
public record EpochTiming(int epoch, String phase, long samples, double seconds, double inputSeconds, double cpuSeconds,
    long firstStepSamples, double firstStepSeconds, double firstStepCpuSeconds, double firstStepInputSeconds) {

  /** An epoch whose first step was not timed apart. */
  EpochTiming(int epoch, String phase, long samples, double seconds, double inputSeconds, double cpuSeconds) {
    this(epoch, phase, samples, seconds, inputSeconds, cpuSeconds, 0, 0, 0, 0);
  }

  /** Examples after the first step (all of them for a one-step epoch). */
  long steadySamples() {
    return split() ? samples - firstStepSamples : samples;
  }

  /** Wall seconds after the first step (all of them for a one-step epoch). */
  double steadySeconds() {
    return split() ? seconds - firstStepSeconds : seconds;
  }

  /** CPU seconds after the first step (all of them for a one-step epoch). */
  double steadyCpuSeconds() {
    return split() ? cpuSeconds - firstStepCpuSeconds : cpuSeconds;
  }

  /** Input seconds after the first step (NaN if unknown). */
  double steadyInputSeconds() {
    return split() ? inputSeconds - firstStepInputSeconds : inputSeconds;
  }

  private boolean split() {
    return firstStepSamples > 0 && firstStepSamples < samples;
  }
}
