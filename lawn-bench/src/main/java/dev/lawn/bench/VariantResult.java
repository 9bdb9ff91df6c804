package dev.lawn.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What one run of a {@link TrainVariant} measured, in the child process that ran it.
 *
 * @param variant the variant's label
 * @param epochs every epoch's timing, the first (warm-up) included
 * @param inputWaitFraction share of the training loop's time spent waiting for input over all epochs
 *     (the trainer's {@code input_wait_fraction}); for the bare graph, the share spent building
 *     tensors from the pre-built arrays
 * @param epochEndSeconds median time from an epoch's last step to its metrics row (evaluation, logs,
 *     TensorBoard); NaN for the bare graph
 * @param peakRssBytes the child process's VmHWM, or -1 where unknown
 */
public record VariantResult(String variant, List<EpochTiming> epochs, double inputWaitFraction, double epochEndSeconds,
    long peakRssBytes) {

  /**
   * Steady-state samples/s in {@code phase}: the epochs of that phase after its first, each without
   * its first step; NaN if there are none. A phase's first epoch is warm-up: epoch 1 starts the free
   * step's graph, and the epoch of LAWN's switch starts the constrained step's, whose first steps run
   * slower than later ones (TensorFlow preparing the new step: measured 0.14 s for the first step and
   * about as much again over the next few at batch 10,000, a one-time cost per run).
   */
  @JsonIgnore
  double rate(String phase) {
    long samples = 0;
    double seconds = 0;
    for (EpochTiming e : epochs) {
      if (steady(e, phase)) {
        samples += e.steadySamples();
        seconds += e.steadySeconds();
      }
    }
    return seconds > 0 ? samples / seconds : Double.NaN;
  }

  /** Whether {@code e} is one of {@code phase}'s epochs after that phase's first. */
  private boolean steady(EpochTiming e, String phase) {
    if (!e.phase().equals(phase)) {
      return false;
    }
    for (EpochTiming earlier : epochs) {
      if (earlier.phase().equals(phase) && earlier.epoch() < e.epoch()) {
        return true;
      }
    }
    return false;
  }

  /** Process CPU microseconds per example over the same span as {@link #rate}; NaN if unknown. */
  @JsonIgnore
  double cpuMicrosPerSample(String phase) {
    long samples = 0;
    double cpu = 0;
    for (EpochTiming e : epochs) {
      if (steady(e, phase)) {
        samples += e.steadySamples();
        cpu += e.steadyCpuSeconds();
      }
    }
    return samples > 0 ? cpu * 1e6 / samples : Double.NaN;
  }

  /**
   * Share of the epochs after the first (whole epochs) spent obtaining input; NaN where input time per
   * epoch is unknown (the trainer reports only its whole-run share).
   */
  @JsonIgnore
  double inputFractionAfterWarmUp() {
    double input = 0;
    double seconds = 0;
    for (EpochTiming e : epochs) {
      if (e.epoch() > 1) {
        input += e.inputSeconds();
        seconds += e.seconds();
      }
    }
    return seconds > 0 ? input / seconds : Double.NaN;
  }

  /**
   * Share of the steady-state time (as {@link #rate}, all phases) spent obtaining input; NaN where
   * input time per epoch is unknown (the trainer reports only its whole-run share).
   */
  @JsonIgnore
  double steadyInputFraction() {
    double input = 0;
    double seconds = 0;
    for (EpochTiming e : epochs) {
      if (e.epoch() > 1) {
        input += e.steadyInputSeconds();
        seconds += e.steadySeconds();
      }
    }
    return seconds > 0 ? input / seconds : Double.NaN;
  }

  /** The first step's seconds in 1-based epoch {@code epoch} (0 if not timed apart), NaN without that epoch. */
  @JsonIgnore
  double firstStepSeconds(int epoch) {
    return epochs.stream().filter(e -> e.epoch() == epoch).mapToDouble(EpochTiming::firstStepSeconds).findFirst()
        .orElse(Double.NaN);
  }
}
