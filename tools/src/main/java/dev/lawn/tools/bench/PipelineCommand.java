package dev.lawn.tools.bench;

import dev.lawn.bench.BenchChild;
import dev.lawn.bench.BenchReport;
import dev.lawn.bench.PipelineBench;
import dev.lawn.bench.Progress;
import dev.lawn.bench.ScratchDir;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lawn bench pipeline}: the pipeline benchmark, as a table ({@link PipelineBench}). */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Rows/s of the recommendation pipeline and images/s of the image pipeline, alone and fed "
        + "into a graph, with the consumer's wait share (lawn-bench's PipelineBenchmark in a child JVM).")
final class PipelineCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ReportOutput output;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "folder searched first for the data sets")
  Path dataDir;

  @Option(names = "--rec", defaultValue = "movielens-100k",
      description = "recommendation data set, synthetic-ml1m, or none (default ${DEFAULT-VALUE})")
  String rec;

  @Option(names = "--rec-batch", defaultValue = "1024", description = "recommendation batch (default ${DEFAULT-VALUE})")
  int recBatch;

  @Option(names = "--image", defaultValue = "fashion-mnist",
      description = "image data set, synthetic-cifar10, synthetic-folder[:SIDE] (3,000 JPEGs of SIDE x SIDE pixels, "
          + "128 by default, measured held in memory and read from the files), or none (default ${DEFAULT-VALUE})")
  String image;

  @Option(names = "--image-size", paramLabel = "H[xW]",
      description = "size the images are measured at, resized when read (default: the data set's own)")
  String imageSize;

  @Option(names = "--image-batch", defaultValue = "256", description = "image batch (default ${DEFAULT-VALUE})")
  int imageBatch;

  @Option(names = "--epochs", defaultValue = "3", description = "epochs, the first one warm-up (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--step-ms", defaultValue = "0",
      description = "simulated training step of the consumer, ms (default ${DEFAULT-VALUE})")
  double stepMs;

  @Override
  public Integer call() throws Exception {
    PipelineBench bench = new PipelineBench(dataDir, rec, recBatch, image, imageBatch, epochs, stepMs, imageSize);
    BenchReport report = new BenchReport(ReportOutput.commandLine(spec));
    ScratchDir scratch = ScratchDir.create();
    bench.run(report, new BenchChild(scratch.path(), 3600), Progress.to(spec.commandLine().getErr()));
    scratch.delete();
    output.emit(report, spec);
    return 0;
  }
}
