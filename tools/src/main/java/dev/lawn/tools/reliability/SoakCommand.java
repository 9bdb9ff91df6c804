package dev.lawn.tools.reliability;

import dev.lawn.bench.reliability.SoakHarness;
import dev.lawn.bench.reliability.SoakReport;
import dev.lawn.bench.reliability.TrainChild;
import dev.lawn.tools.LawnProgram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lawn torture soak}: the flags of {@link SoakHarness} (a long run of tiny steps whose RSS must stay flat). */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train NCF-MLP with tiny batches for many steps in a child JVM, sample its RSS (and the JVM's",
        "own accounting), fit the slope after warm-up. Exit 0 when the run finished and every",
        "post-warm-up sample is within the tolerance of the baseline."})
public final class SoakCommand implements Callable<Integer> {

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
    SoakHarness soak = new SoakHarness(steps, batchSize, evalEvery, Duration.ofSeconds(sampleSeconds), jvmEvery,
        warmupFraction, tolerance, xmx);
    TrainChild child = TrainChild.forCurrentJvm(soak.jvmOptions(), LawnProgram.MAIN_CLASS, "train");
    SoakReport report = soak.run(child, work, System.err::println);
    System.out.print(report.text());
    return report.passed() ? 0 : 1;
  }
}
