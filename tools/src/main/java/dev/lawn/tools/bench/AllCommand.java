package dev.lawn.tools.bench;

import dev.lawn.data.DataSetNotFoundException;
import dev.lawn.data.DataSets;
import dev.lawn.ops.optim.OptimizerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lawn bench all} (also plain {@code lawn bench}): step costs, pipelines and NCF training at a
 * small size, a few minutes on two cores.
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

  /** Runs everything; {@code spec} is the command printing the report. */
  static int run(Settings s, ReportOutput output, CommandSpec spec) throws Exception {
    Progress progress = Progress.to(spec.commandLine().getErr());
    BenchReport report = new BenchReport(ReportOutput.commandLine(spec));
    new StepCostBench(List.of(OptimizerSpec.Kind.ADAM, OptimizerSpec.Kind.LAMB, OptimizerSpec.Kind.SGD),
        StepCostBench.PROBLEMS, s.rounds, 20, false).run(report, progress);
    ScratchDir scratch = ScratchDir.create();
    BenchChild children = new BenchChild(scratch.path(), 3600);
    new PipelineBench(s.dataDir, "movielens-100k", 1024, "fashion-mnist", 256, 3, 0).run(report, children, progress);
    String dataDir = s.dataDir == null ? null : s.dataDir.toString();
    try {
      DataSets.resolve("movielens-100k", s.dataDir);
      new TrainBench("ncf-mlp", "movielens-100k", dataDir, 1024, 4, 2, List.of("adam", "adam-lawn"), List.of("adam"),
          true, s.repeats, 0, 1).run(report, children, progress);
    } catch (DataSetNotFoundException e) {
      report.section("train", "Training throughput", List.of("Not measured: " + e.getMessage().lines().findFirst()
          .orElse("movielens-100k not found")), null, List.of());
    }
    report.section("not_included", "Not included", List.of("The image-model training bench takes minutes per epoch on "
        + "two cores; run it on its own: `lawn bench train --model small-cnn --data fashion-mnist --batch-size 256 "
        + "--epochs 2 --optimizers adam`."), null, List.of());
    scratch.delete();
    output.emit(report, spec);
    return 0;
  }
}
