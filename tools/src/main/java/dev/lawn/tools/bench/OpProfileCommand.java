package dev.lawn.tools.bench;

import dev.lawn.bench.BenchReport;
import dev.lawn.bench.OpProfileBench;
import dev.lawn.ops.optim.OptimizerSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lawn bench ops}: the flags of {@link OpProfileBench} (where LAWN's constrained step spends
 * its time, op type by op type).
 */
@Command(name = "ops", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Kernel time per operation type of the base optimizer's step and of LAWN's constrained step "
        + "on a zoo model (TensorFlow's full trace), and what the constrained step adds.",
        "Tracing slows every operation; compare the two columns, not the absolute times with 'bench optimizers'."})
final class OpProfileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ReportOutput output;

  @Option(names = "--model", defaultValue = "ncf-mlp", description = "ncf-mlp or small-cnn (default ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--optimizer", defaultValue = "adam", description = "base optimizer: adam, lamb, sgd (default ${DEFAULT-VALUE})")
  String optimizer;

  @Option(names = "--steps", defaultValue = "200", description = "traced steps of each (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--warmup", defaultValue = "50", description = "untraced steps first (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--top", defaultValue = "20", description = "op types listed, by time added (default ${DEFAULT-VALUE})")
  int top;

  @Override
  public Integer call() throws Exception {
    OptimizerSpec.Kind kind;
    try {
      kind = OptimizerSpec.Kind.parse(optimizer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--optimizer: " + e.getMessage());
    }
    OpProfileBench bench = new OpProfileBench(model, kind, steps, warmup, top);
    BenchReport report = new BenchReport(ReportOutput.commandLine(spec));
    bench.run(report);
    output.emit(report, spec);
    return 0;
  }
}
