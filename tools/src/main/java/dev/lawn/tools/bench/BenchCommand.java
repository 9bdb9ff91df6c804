package dev.lawn.tools.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lawn bench}: what LAWN and the toolkit cost, measured in one run and reported as medians,
 * rates and ratios (never as timed unit tests). Alone it runs {@code all}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure what LAWN and the toolkit cost: optimizer step time with and without LAWN, pipeline "
        + "rates, training samples/s against a bare graph, input wait, peak RSS.",
        "Without a subcommand: 'all'. Figures are medians of repetitions with the variants interleaved; the "
        + "report (Markdown on stdout) names the machine and its load average."},
    subcommands = {AllCommand.class, OptimizersCommand.class, PipelineCommand.class, TrainBenchCommand.class,
        MemoryCommand.class, OpProfileCommand.class})
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin AllCommand.Settings settings;
  @Mixin ReportOutput output;

  @Override
  public Integer call() throws Exception {
    return AllCommand.run(settings, output, spec);
  }
}
