package dev.lawn.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code lawn bench train-variant}: runs one {@link TrainVariant} in this process and prints its
 * {@link VariantResult} as one {@value #RESULT_PREFIX} line. {@code lawn bench train} starts one
 * child JVM per variant and repetition with it, so that each peak RSS is the variant's own.
 */
@Command(name = "train-variant", hidden = true, mixinStandardHelpOptions = true,
    description = "Internal: one variant of 'lawn bench train' in this process; prints one result line.")
final class TrainVariantCommand implements Callable<Integer> {

  /** Marks the result line among anything else a child prints. */
  static final String RESULT_PREFIX = "lawn-bench-result ";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--kind", required = true, description = "trainer, bare, bare-zoo or zoo-pipeline") String kind;
  @Option(names = "--optimizer", required = true) String optimizer;
  @Option(names = "--model", required = true) String model;
  @Option(names = "--data", required = true) String data;
  @Option(names = "--data-dir") String dataDir;
  @Option(names = "--batch-size", required = true) int batchSize;
  @Option(names = "--epochs", required = true) int epochs;
  @Option(names = "--e-free", required = true) int eFree;
  @Option(names = "--threads", defaultValue = "0") int threads;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Override
  public Integer call() throws IOException {
    TrainVariant v = new TrainVariant(kind, optimizer, model, data, dataDir, batchSize, epochs, eFree, threads, seed);
    VariantResult result;
    if (!v.kind().equals(TrainVariant.TRAINER)) {
      result = BareNcfReference.run(v);
    } else {
      Path runDir = Files.createTempDirectory("lawn-bench-run");
      try {
        result = TrainerProbe.run(v, runDir);
      } finally {
        FileTrees.deleteTree(runDir);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(RESULT_PREFIX + JSON.writeValueAsString(result));
    out.flush();
    return 0;
  }

  /** The result a child printed, if it printed one. */
  static Optional<VariantResult> parse(List<String> stdout) throws IOException {
    for (int i = stdout.size() - 1; i >= 0; i--) {
      String line = stdout.get(i);
      if (line.startsWith(RESULT_PREFIX)) {
        return Optional.of(JSON.readValue(line.substring(RESULT_PREFIX.length()), VariantResult.class));
      }
    }
    return Optional.empty();
  }

}
