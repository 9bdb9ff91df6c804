package dev.lawn.tools.bench;

import dev.lawn.bench.BenchReport;
import dev.lawn.bench.MemoryBench;
import dev.lawn.bench.Progress;
import dev.lawn.bench.ScratchDir;
import dev.lawn.bench.pipeline.SyntheticInteractions;
import dev.lawn.tools.train.KernelsProperty;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lawn bench memory}: RSS of a long million-interaction-batch run ({@link MemoryBench}). */
@Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Peak and per-epoch RSS of 'lawn train' on NCF-MLP at MovieLens-1M's size with a batch of "
        + "1,000,000 interactions (gradient accumulation), over many epochs.",
        "Uses synthetic ratings in MovieLens-1M's format unless --data-dir holds ml-1m/ratings.dat."})
final class MemoryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ReportOutput output;

  @Option(names = "--batch-size", defaultValue = "1000000", description = "interactions per step (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--micro-batch-size", defaultValue = "0",
      description = "interactions per forward/backward pass, 0 = the trainer's choice (default ${DEFAULT-VALUE})")
  int microBatchSize;

  @Option(names = "--epochs", defaultValue = "100", description = "epochs (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--optimizer", defaultValue = "adam-lawn", description = "optimizer (default ${DEFAULT-VALUE})")
  String optimizer;

  @Option(names = "--e-free", defaultValue = "5", description = "LAWN's free epochs (default ${DEFAULT-VALUE})")
  int eFree;

  @Option(names = "--users", defaultValue = "" + SyntheticInteractions.ML1M_USERS, description = "synthetic users (default ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--items", defaultValue = "" + SyntheticInteractions.ML1M_ITEMS, description = "synthetic items (default ${DEFAULT-VALUE})")
  int items;

  @Option(names = "--ratings", defaultValue = "" + SyntheticInteractions.ML1M_RATINGS,
      description = "synthetic ratings (default ${DEFAULT-VALUE})")
  int ratings;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "use the real MovieLens-1M found here instead")
  String dataDir;

  @Option(names = "--threads", defaultValue = "0", description = "TensorFlow threads, 0 = its choice (default ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (epochs <= MemoryBench.FLAT_FROM) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--epochs must exceed " + MemoryBench.FLAT_FROM + " (RSS is compared from epoch " + MemoryBench.FLAT_FROM + " on), got " + epochs);
    }
    MemoryBench bench = new MemoryBench(users, items, ratings, batchSize, microBatchSize, epochs, optimizer, eFree,
        threads, seed, dataDir, KernelsProperty.read());
    BenchReport report = new BenchReport(ReportOutput.commandLine(spec));
    ScratchDir scratch = ScratchDir.create();
    try {
      bench.run(report, scratch.path(), Progress.to(spec.commandLine().getErr()));
    } finally {
      scratch.delete();
    }
    output.emit(report, spec);
    return 0;
  }
}
