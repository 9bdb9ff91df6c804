package dev.lawn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.train.FileTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The child process of {@link TrainBench}: runs one {@link TrainVariant} in this JVM and prints its
 * {@link VariantResult} as one {@value #RESULT_PREFIX} line, so that each peak RSS is the variant's
 * own. Arguments are {@link TrainVariant#arguments()} plus {@code --kernels auto|fused|graph}:
 *
 * <pre>{@code
 * java -cp ... dev.lawn.bench.TrainVariantMain --kind trainer --optimizer adam-lawn --model ncf-mlp \
 *     --data movielens-100k --batch-size 1024 --epochs 4 --e-free 2 --threads 0 --seed 1 --kernels auto
 * }</pre>
 *
 * <p>Exit code 0 with the result line; 1 with a one-line message on stderr for bad arguments
 * (a stack trace for anything else).
 */
public final class TrainVariantMain {

  /** Marks the result line among anything else a child prints. */
  public static final String RESULT_PREFIX = "lawn-bench-result ";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REQUIRED = Set.of("--kind", "--optimizer", "--model", "--data", "--batch-size",
      "--epochs", "--e-free");
  private static final Set<String> OPTIONAL = Set.of("--data-dir", "--threads", "--seed", "--kernels");

  private TrainVariantMain() {}

  /** Runs the variant the arguments name and prints its result line. */
  public static void main(String[] args) throws IOException {
    Map<String, String> options;
    TrainVariant v;
    KernelChoice kernels;
    try {
      options = options(List.of(args));
      v = new TrainVariant(options.get("--kind"), options.get("--optimizer"), options.get("--model"),
          options.get("--data"), options.get("--data-dir"), intOption(options, "--batch-size", null),
          intOption(options, "--epochs", null), intOption(options, "--e-free", null),
          intOption(options, "--threads", "0"), Long.parseLong(options.getOrDefault("--seed", "1")));
      kernels = KernelChoice.parse(options.getOrDefault("--kernels", "auto"), "--kernels");
    } catch (IllegalArgumentException e) {
      System.err.println("TrainVariantMain: " + e.getMessage());
      System.exit(1);
      return;
    }
    PrintStream out = System.out;
    out.println(RESULT_PREFIX + JSON.writeValueAsString(run(v, kernels)));
    out.flush();
  }

  /** Runs {@code v} in this process (the trainer in a temporary run directory, deleted after). */
  public static VariantResult run(TrainVariant v, KernelChoice kernels) throws IOException {
    if (!v.kind().equals(TrainVariant.TRAINER)) {
      return BareNcfReference.run(v);
    }
    Path runDir = Files.createTempDirectory("lawn-bench-run");
    try {
      return TrainerProbe.run(v, runDir, kernels);
    } finally {
      FileTrees.deleteTree(runDir);
    }
  }

  /** The result a child printed, if it printed one. */
  public static Optional<VariantResult> parse(List<String> stdout) throws IOException {
    for (int i = stdout.size() - 1; i >= 0; i--) {
      String line = stdout.get(i);
      if (line.startsWith(RESULT_PREFIX)) {
        return Optional.of(JSON.readValue(line.substring(RESULT_PREFIX.length()), VariantResult.class));
      }
    }
    return Optional.empty();
  }

  /** {@code --name value} pairs; every required name present, no unknown name. */
  static Map<String, String> options(List<String> args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "'");
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      options.put(name, args.get(i + 1));
    }
    for (String name : REQUIRED) {
      if (!options.containsKey(name)) {
        throw new IllegalArgumentException("missing required option " + name);
      }
    }
    return options;
  }

  private static int intOption(Map<String, String> options, String name, String fallback) {
    String value = options.getOrDefault(name, fallback);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not a whole number: '" + value + "'");
    }
  }
}
