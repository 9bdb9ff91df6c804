package dev.lawn.tools.reliability;

import dev.lawn.experiments.process.ProcessMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lawn torture soak}: a long run of tiny steps whose RSS must stay flat. */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train NCF-MLP with tiny batches for many steps in a child JVM, sample its RSS (and the JVM's",
        "own accounting), fit the slope after warm-up. Exit 0 when the run finished and every",
        "post-warm-up sample is within the tolerance of the baseline."})
public final class SoakCommand implements Callable<Integer> {

  /** Rows per epoch of the default synthetic set: 100 users x 19 training positives x (1 + 4 negatives). */
  static final int DEFAULT_ROWS_PER_EPOCH = 100 * 19 * 5;

  @Option(names = "--work", required = true, paramLabel = "DIR", description = "empty work folder")
  Path work;

  @Option(names = "--steps", defaultValue = "1000000", description = "optimizer steps to run (default ${DEFAULT-VALUE})")
  long steps;

  @Option(names = "--batch-size", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--eval-every", defaultValue = "500",
      description = "evaluate and checkpoint every N epochs, so those paths are soaked too (default ${DEFAULT-VALUE})")
  int evalEvery;

  @Option(names = "--sample-seconds", defaultValue = "5", description = "RSS sampling period (default ${DEFAULT-VALUE})")
  int sampleSeconds;

  @Option(names = "--jvm-every", defaultValue = "12", description = "JVM accounting every N samples (default ${DEFAULT-VALUE})")
  int jvmEvery;

  @Option(names = "--warmup-fraction", defaultValue = "0.2", description = "share of the run left out as warm-up (default ${DEFAULT-VALUE})")
  double warmupFraction;

  @Option(names = "--tolerance", defaultValue = "0.05", description = "allowed deviation from the baseline (default ${DEFAULT-VALUE})")
  double tolerance;

  @Option(names = "--xmx", defaultValue = "256m", description = "child's heap (-Xms = -Xmx, pre-touched) (default ${DEFAULT-VALUE})")
  String xmx;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(work);
    Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    int stepsPerEpoch = (DEFAULT_ROWS_PER_EPOCH + batchSize - 1) / batchSize;
    int epochs = (int) Math.max(2, (steps + stepsPerEpoch - 1) / stepsPerEpoch);
    TrainSettings settings = new TrainSettings(data, epochs, batchSize, 1, List.of(
        "--eval-every", Integer.toString(evalEvery), "--checkpoint-every", Integer.toString(evalEvery)));
    List<String> jvmOptions = new ArrayList<>(ProcessMemory.trackingOptions());
    // A fixed, pre-touched heap is resident from the start: later RSS growth is then not the heap
    // filling in but memory the JVM or TensorFlow allocate.
    jvmOptions.addAll(List.of("-Xms" + xmx, "-Xmx" + xmx, "-XX:+AlwaysPreTouch"));
    SoakRun.Result result = new SoakRun(TrainChild.forCurrentJvm(jvmOptions), Duration.ofSeconds(sampleSeconds),
        jvmEvery, System.err::println).run(settings, work.resolve("run"), work.resolve("train.log"));
    SoakReport report = new SoakReport(settings.options(), result, SoakAnalysis.of(result.samples(), warmupFraction, tolerance));
    Files.writeString(work.resolve("soak-samples.csv"), report.samplesCsv());
    Files.writeString(work.resolve("soak-report.txt"), report.text());
    System.out.print(report.text());
    return report.passed() ? 0 : 1;
  }
}
