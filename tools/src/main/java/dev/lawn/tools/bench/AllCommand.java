package dev.lawn.tools.bench;

import dev.lawn.bench.BenchReport;
import dev.lawn.bench.BenchSuite;
import dev.lawn.bench.Progress;
import dev.lawn.tools.train.KernelsProperty;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lawn bench all} (also plain {@code lawn bench}): the flags of {@link BenchSuite} (step costs,
 * pipelines and NCF training at a small size, a few minutes on two cores).
 */
@Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Everything at a small size (a few minutes): optimizer step costs, input pipelines, and NCF-MLP "
        + "training on MovieLens-100k (adam, adam-lawn, and the bare-graph references of adam).")
final class AllCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin Settings settings;
  @Mixin ReportOutput output;

  /** The options of {@code all}, shared with the bare {@code lawn bench}. */
  static final class Settings {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder searched first for the data sets")
    Path dataDir;

    @Option(names = "--repeats", defaultValue = "2", description = "repetitions of each training variant (default ${DEFAULT-VALUE})")
    int repeats = 2;

    @Option(names = "--rounds", defaultValue = "5", description = "interleaved rounds of the step costs (default ${DEFAULT-VALUE})")
    int rounds = 5;
  }

  @Override
  public Integer call() throws Exception {
    return run(settings, output, spec);
  }

  /** Runs the suite; {@code spec} is the command printing the report. */
  static int run(Settings s, ReportOutput output, CommandSpec spec) throws Exception {
    BenchReport report = new BenchReport(ReportOutput.commandLine(spec));
    new BenchSuite(s.dataDir, s.repeats, s.rounds, KernelsProperty.read())
        .run(report, Progress.to(spec.commandLine().getErr()));
    output.emit(report, spec);
    return 0;
  }
}
