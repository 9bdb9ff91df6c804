package dev.lawn.tools.bench;

import dev.lawn.bench.BenchReport;
import dev.lawn.bench.Progress;
import dev.lawn.bench.StepCostBench;
import dev.lawn.tools.train.OptionNames;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lawn bench optimizers}: the step-cost table of {@link StepCostBench}. */
@Command(name = "optimizers", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Step time of each optimizer with and without LAWN (free and constrained phase) on the same "
        + "model and batch: plain-op NCF and conv graphs, and the zoo's ncf-mlp and small-cnn.",
        "Variants interleaved round by round; medians over rounds; ratios to the base optimizer."})
final class OptimizersCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ReportOutput output;

  @Option(names = "--rounds", defaultValue = "9", description = "interleaved rounds (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--steps", defaultValue = "20",
      description = "steps per variant and round on the NCF problems; conv nets take a tenth, at least 1 (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--kinds", split = ",", defaultValue = "adam,lamb,sgd", completionCandidates = OptionNames.BaseOptimizers.class,
      description = "base optimizers: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  List<String> kinds;

  @Option(names = "--problems", split = ",", defaultValue = "ncf,conv,ncf-mlp,small-cnn",
      description = "ncf, conv (plain-op graphs), ncf-mlp, small-cnn (zoo models) (default ${DEFAULT-VALUE})")
  List<String> problems;

  @Option(names = "--xla", description = "XLA JIT for the plain-op graphs (set TF_XLA_FLAGS=--tf_xla_cpu_global_jit too)")
  boolean xla;

  @Override
  public Integer call() throws Exception {
    StepCostBench bench = new StepCostBench(StepCostBench.parseKinds(kinds), problems, rounds, steps, xla);
    BenchReport report = new BenchReport(ReportOutput.commandLine(spec));
    bench.run(report, Progress.to(spec.commandLine().getErr()));
    output.emit(report, spec);
    return 0;
  }
}
