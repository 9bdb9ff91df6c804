package dev.lawn.bench.reliability;

import dev.lawn.experiments.process.ProcessMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole soak harness: NCF-MLP with tiny batches for many steps on synthetic ratings in a child
 * JVM ({@link SoakRun}), its RSS sampled, the slope after warm-up fitted ({@link SoakAnalysis}), and
 * the report and samples written to the work folder.
 *
 * <pre>{@code
 * SoakHarness soak = new SoakHarness(300_000, 64, 500, Duration.ofSeconds(5), 12, 0.2, 0.05, "256m");
 * TrainChild child = TrainChild.trainMain(soak.jvmOptions());
 * SoakReport report = soak.run(child, Path.of("/tmp/soak"), System.err::println);
 * }</pre>
 *
 * @param steps optimizer steps to run (rounded up to whole epochs, at least 2 epochs)
 * @param batchSize batch size
 * @param evalEvery evaluate and checkpoint every this many epochs, so those paths are soaked too
 * @param sampleEvery RSS sampling period
 * @param jvmEvery the JVM's own accounting every this many samples
 * @param warmupFraction share of the run left out as warm-up
 * @param tolerance allowed deviation from the baseline
 * @param xmx the child's heap ({@code -Xms} = {@code -Xmx}, pre-touched)
 */
public record SoakHarness(long steps, int batchSize, int evalEvery, Duration sampleEvery, int jvmEvery,
    double warmupFraction, double tolerance, String xmx) {

  /** Rows per epoch of the synthetic set: 100 users x 19 training positives x (1 + 4 negatives). */
  public static final int ROWS_PER_EPOCH = 100 * 19 * 5;

  /** Validates the batch size (the other settings are checked where they are used). */
  public SoakHarness {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    }
  }

  /** Epochs that make at least {@link #steps} steps (at least 2: one free, one constrained). */
  public int epochs() {
    int stepsPerEpoch = (ROWS_PER_EPOCH + batchSize - 1) / batchSize;
    return (int) Math.max(2, (steps + stepsPerEpoch - 1) / stepsPerEpoch);
  }

  /**
   * The child's JVM options: memory tracking, and a fixed, pre-touched heap that is resident from the
   * start, so that later RSS growth is not the heap filling in but memory the JVM or TensorFlow allocate.
   */
  public List<String> jvmOptions() {
    List<String> options = new ArrayList<>(ProcessMemory.trackingOptions());
    options.addAll(List.of("-Xms" + xmx, "-Xmx" + xmx, "-XX:+AlwaysPreTouch"));
    return options;
  }

  /**
   * Runs the soak in {@code work} with {@code child} (started with {@link #jvmOptions()}) and writes
   * {@code soak-samples.csv} and {@code soak-report.txt} there.
   */
  public SoakReport run(TrainChild child, Path work, Consumer<String> progress) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    TrainSettings settings = new TrainSettings(data, epochs(), batchSize, 1, List.of(
        "--eval-every", Integer.toString(evalEvery), "--checkpoint-every", Integer.toString(evalEvery)));
    SoakRun.Result result = new SoakRun(child, sampleEvery, jvmEvery, progress)
        .run(settings, work.resolve("run"), work.resolve("train.log"));
    SoakReport report = new SoakReport(settings.options(), result,
        SoakAnalysis.of(result.samples(), warmupFraction, tolerance));
    Files.writeString(work.resolve("soak-samples.csv"), report.samplesCsv());
    Files.writeString(work.resolve("soak-report.txt"), report.text());
    return report;
  }
}
