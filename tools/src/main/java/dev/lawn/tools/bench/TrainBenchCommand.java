package dev.lawn.tools.bench;

import dev.lawn.bench.BenchChild;
import dev.lawn.bench.BenchReport;
import dev.lawn.bench.Progress;
import dev.lawn.bench.ScratchDir;
import dev.lawn.bench.TrainBench;
import dev.lawn.tools.train.KernelsProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lawn bench train}: trainer throughput per optimizer against a bare graph ({@link TrainBench}). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Training samples/s of 'lawn train' per optimizer (each LAWN phase apart), input-wait share, "
        + "epoch-end time and peak RSS, against a bare TF-Java NCF-MLP graph with the same optimizer ops.",
        "Each variant and repetition runs in its own child JVM; repetitions interleaved."})
final class TrainBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ReportOutput output;

  @Option(names = "--model", defaultValue = "ncf-mlp", description = "zoo model (default ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--data", defaultValue = "movielens-100k", description = "data set (default ${DEFAULT-VALUE})")
  String data;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "folder searched first for the data set")
  String dataDir;

  @Option(names = "--batch-size", defaultValue = "1024", description = "examples per step (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--epochs", defaultValue = "4",
      description = "epochs per run; the first is warm-up and not counted (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--e-free", defaultValue = "2",
      description = "LAWN's free epochs, a whole number (default ${DEFAULT-VALUE})")
  int eFree;

  @Option(names = "--optimizers", split = ",", defaultValue = "adam,adam-lawn",
      description = "trainer variants (default ${DEFAULT-VALUE})")
  List<String> optimizers;

  @Option(names = "--bare", split = ",", defaultValue = "auto",
      description = "optimizers of the bare NCF-MLP reference, none, or auto = the plain ones of --optimizers "
          + "when --model is ncf-mlp (default ${DEFAULT-VALUE})")
  List<String> bare;

  @Option(names = "--decompose",
      description = "for each bare reference also run the zoo's NCF-MLP in the bare loop (bare-zoo) and fed by the "
          + "trainer's input pipeline (zoo-pipeline): splits trainer/bare into model, pipeline and bookkeeping")
  boolean decompose;

  @Option(names = "--repeats", defaultValue = "1", description = "repetitions of every variant (default ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--threads", defaultValue = "0", description = "TensorFlow threads, 0 = its choice (default ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--seed", defaultValue = "1", description = "seed of every run (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--child-timeout", defaultValue = "3600", paramLabel = "SECONDS",
      description = "a variant still running after this long is killed (default ${DEFAULT-VALUE})")
  long childTimeout;

  @Override
  public Integer call() throws Exception {
    TrainBench bench = new TrainBench(model, data, dataDir, batchSize, epochs, eFree, optimizers,
        resolveBare(bare, optimizers, model), decompose, repeats, threads, seed, KernelsProperty.read());
    BenchReport report = new BenchReport(ReportOutput.commandLine(spec));
    ScratchDir scratch = ScratchDir.create();
    bench.run(report, new BenchChild(scratch.path(), childTimeout), Progress.to(spec.commandLine().getErr()));
    scratch.delete();
    output.emit(report, spec);
    return 0;
  }

  /** {@code --bare}: {@code none}, {@code auto}, or a list of optimizers. */
  static List<String> resolveBare(List<String> bare, List<String> optimizers, String model) {
    if (bare.equals(List.of("none"))) {
      return List.of();
    }
    if (!bare.equals(List.of("auto"))) {
      return bare;
    }
    List<String> plain = new ArrayList<>();
    if (model.equals("ncf-mlp")) {
      optimizers.stream().filter(o -> !o.toLowerCase(java.util.Locale.ROOT).endsWith("-lawn")).forEach(plain::add);
    }
    return plain;
  }
}
