package dev.lawn.bench;

import dev.lawn.experiments.process.ProcessMemory;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.train.MetricsRow;
import dev.lawn.train.RunReader;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.config.EFree;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Runs the real {@link Trainer} on a {@link TrainVariant} and reads its timings back: per-epoch
 * examples and training-loop seconds from {@code metrics.jsonl} (whose {@code train_seconds} and
 * {@code samples_per_second} are cumulative, as is {@code input_wait_seconds}), the input-wait share of
 * the whole run from the summary, and the time
 * from each epoch's last step to its metrics row from a listener.
 */
final class TrainerProbe {


  private TrainerProbe() {}

  /** The trainer's configuration for {@code v}: evaluation every epoch (for per-epoch rows), one checkpoint at the end. */
  static TrainConfig config(TrainVariant v) {
    return BenchConfig.over(v.epochs()).model(v.model()).data(v.data()).dataDir(v.dataDir()).optimizer(v.optimizer())
        .batchSize(v.batchSize()).eFree(EFree.epochs(v.eFree())).threads(v.threads()).seed(v.seed()).evalEvery(1)
        .build();
  }

  /** Trains {@code v} into the empty directory {@code runDir} with LAWN's {@code kernels} and returns its timings. */
  static VariantResult run(TrainVariant v, Path runDir, KernelChoice kernels) throws IOException {
    EpochEndClock clock = new EpochEndClock();
    Map<String, Object> summary = new Trainer(config(v), runDir, clock).kernels(kernels).run();
    List<EpochTiming> epochs = new ArrayList<>();
    for (EpochTiming e : epochs(v, RunReader.metrics(runDir), clock.cpuSeconds)) {
      int i = e.epoch() - 1;
      boolean timed = i < clock.firstStepSeconds.size();
      epochs.add(new EpochTiming(e.epoch(), e.phase(), e.samples(), e.seconds(), e.inputSeconds(), e.cpuSeconds(),
          timed ? Math.min(v.batchSize(), e.samples()) : 0, timed ? clock.firstStepSeconds.get(i) : 0,
          timed ? clock.firstStepCpuSeconds.get(i) : 0, Double.NaN)); // the first step's wait is not logged apart
    }
    double wait = ((Number) summary.get("input_wait_fraction")).doubleValue();
    double epochEnd = clock.seconds.isEmpty() ? Double.NaN : Median.of(clock.seconds);
    return new VariantResult(v.label(), epochs, wait, epochEnd, ProcessMemory.peakBytes().orElse(-1));
  }

  /**
   * Per-epoch timings from {@code metrics.jsonl} rows (one per epoch), differencing the cumulative
   * counters.
   *
   * @param cpuSeconds each epoch's process CPU time, in order (missing ones are NaN)
   * @throws IllegalStateException when rows are missing or a row's phase contradicts {@code v}'s
   */
  static List<EpochTiming> epochs(TrainVariant v, List<MetricsRow> rows, List<Double> cpuSeconds) {
    List<EpochTiming> out = new ArrayList<>();
    double previousSeconds = 0;
    double previousSamples = 0;
    double previousWaited = 0;
    int expected = 1;
    for (MetricsRow row : rows) {
      int epoch = (int) row.value("epoch").orElse(-1);
      if (epoch != expected) {
        throw new IllegalStateException("metrics.jsonl: expected a row for epoch " + expected + ", got " + epoch
            + " (the bench needs --eval-every 1)");
      }
      double seconds = row.value("train_seconds").orElseThrow();
      double samples = row.value("samples_per_second").orElseThrow() * seconds;
      String phase = v.phaseOf(epoch);
      String logged = row.phase() == null ? phase : row.phase();
      if (!logged.equals(phase)) {
        throw new IllegalStateException("metrics.jsonl: epoch " + epoch + " is " + logged
            + ", the bench expected " + phase + " (e-free " + v.eFree() + ")");
      }
      double cpu = epoch <= cpuSeconds.size() ? cpuSeconds.get(epoch - 1) : Double.NaN;
      double waited = row.value("input_wait_seconds").orElse(Double.NaN);
      out.add(new EpochTiming(epoch, phase, Math.round(samples - previousSamples), seconds - previousSeconds,
          waited - previousWaited, cpu));
      previousSeconds = seconds;
      previousSamples = samples;
      previousWaited = waited;
      expected++;
    }
    if (out.size() != v.epochs()) {
      throw new IllegalStateException("metrics.jsonl has " + out.size() + " epoch rows, expected " + v.epochs());
    }
    return out;
  }

  /**
   * Time from each epoch's last optimizer step to its metrics row (evaluation, norms, logs), the
   * process CPU time from each epoch's start to its last step, and each epoch's first step (from the
   * epoch's start: it includes a LAWN switch made before it).
   */
  private static final class EpochEndClock implements TrainingListener {
    final List<Double> seconds = new ArrayList<>();
    final List<Double> cpuSeconds = new ArrayList<>();
    final List<Double> firstStepSeconds = new ArrayList<>();
    final List<Double> firstStepCpuSeconds = new ArrayList<>();
    long lastStep;
    long epochStart;
    long epochCpu;

    @Override
    public void onEpochStart(int epoch) {
      epochStart = System.nanoTime();
      epochCpu = ProcessCpu.nanos();
    }

    @Override
    public void onStep(int epoch, int stepInEpoch, int stepsPerEpoch, DoubleSupplier runningLoss) {
      if (stepInEpoch == 1) {
        firstStepSeconds.add((System.nanoTime() - epochStart) / 1e9);
        firstStepCpuSeconds.add(ProcessCpu.seconds(epochCpu, ProcessCpu.nanos()));
      }
      if (stepInEpoch == stepsPerEpoch) {
        lastStep = System.nanoTime();
        cpuSeconds.add(ProcessCpu.seconds(epochCpu, ProcessCpu.nanos()));
      }
    }

    @Override
    public void onEvaluation(Map<String, Object> row) {
      if (lastStep != 0) {
        seconds.add((System.nanoTime() - lastStep) / 1e9);
        lastStep = 0;
      }
    }
  }
}
