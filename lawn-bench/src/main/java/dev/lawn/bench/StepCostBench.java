package dev.lawn.bench;

import dev.lawn.bench.StepCostBenchmark;
import dev.lawn.ops.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Step time of each optimizer with and without LAWN on the same model and batch:
 * {@link StepCostBenchmark} on bare graphs ({@code ncf}, {@code conv}) and {@link ZooStepCost} on the
 * zoo's models ({@code ncf-mlp}, {@code small-cnn}). Within a problem the three variants are
 * interleaved round by round; medians over rounds, ratios to the base optimizer's step.
 *
 * <pre>{@code
 * BenchReport report = new BenchReport("step costs");
 * new StepCostBench(List.of(OptimizerSpec.Kind.ADAM), List.of("ncf", "ncf-mlp"), 5, 20, false)
 *     .run(report, Progress.silent());
 * System.out.print(report.markdown());
 * }</pre>
 *
 * @param kinds base optimizers
 * @param problems {@link #PROBLEMS} to measure
 * @param rounds interleaved rounds per problem
 * @param steps steps per variant per round on the NCF problems; the conv nets take a tenth (at least 1)
 * @param xla XLA JIT for the bare graphs (also needs {@code TF_XLA_FLAGS=--tf_xla_cpu_global_jit})
 */
public record StepCostBench(List<OptimizerSpec.Kind> kinds, List<String> problems, int rounds, int steps, boolean xla) {

  /** Bare graphs of lawn-ops, then zoo models. */
  public static final List<String> PROBLEMS = List.of("ncf", "conv", "ncf-mlp", "small-cnn");

  /** Validates the settings, naming the option of {@code lawn bench optimizers} at fault. */
  public StepCostBench {
    kinds = List.copyOf(kinds);
    problems = List.copyOf(problems);
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("--kinds must name at least one optimizer");
    }
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("--problems must name at least one of " + PROBLEMS);
    }
    for (String p : problems) {
      if (!PROBLEMS.contains(p)) {
        throw new IllegalArgumentException("--problems: unknown problem '" + p + "' (known: " + PROBLEMS + ")");
      }
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
    }
  }

  /** Parses {@code --kinds} names ({@code adam,lamb,...}). */
  public static List<OptimizerSpec.Kind> parseKinds(List<String> names) {
    List<OptimizerSpec.Kind> kinds = new ArrayList<>();
    for (String name : names) {
      try {
        kinds.add(OptimizerSpec.Kind.parse(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--kinds: " + e.getMessage());
      }
    }
    return kinds;
  }

  /** Measures every (problem, optimizer) pair and appends the table to {@code report}. */
  public List<StepCostBenchmark.Result> run(BenchReport report, Progress progress) {
    List<StepCostBenchmark.Result> results = new ArrayList<>();
    MarkdownTable table = new MarkdownTable("problem", "optimizer", "base ms", "LAWN free ms", "free / base",
        "LAWN constrained ms", "constrained / base", "kernels", "constrained, graph ops ms", "graph ops / base");
    MarkdownTable opsTable = new MarkdownTable("problem", "optimizer", "base ops", "free ops", "constrained ops",
        "extra ms per extra op (constrained)", "constrained ops, graph ops");
    List<ZooStepCost.Result> zooResults = new ArrayList<>();
    for (String problem : problems) {
      boolean conv = problem.equals("conv") || problem.equals("small-cnn");
      int perRound = conv ? Math.max(1, steps / 10) : steps;
      for (OptimizerSpec.Kind kind : kinds) {
        progress.say("step cost: " + problem + " " + kind + " (" + rounds + " rounds x " + perRound + " steps)");
        StepCostBenchmark.Result r;
        if (problem.equals("ncf") || problem.equals("conv")) {
          r = StepCostBenchmark.measure(problem, kind, rounds, perRound, xla);
        } else {
          ZooStepCost.Result zoo = ZooStepCost.measure(problem, kind, rounds, perRound);
          zooResults.add(zoo);
          r = zoo.timing();
          int extra = zoo.constrainedOps() - zoo.baseOps();
          opsTable.row(r.problem(), r.optimizer(), Integer.toString(zoo.baseOps()), Integer.toString(zoo.freeOps()),
              Integer.toString(zoo.constrainedOps()),
              extra > 0 ? Format.micros(1000 * (r.constrainedMs() - r.baseMs()) / extra) + " µs" : "n/a",
              Integer.toString(zoo.constrainedGraphOps()));
        }
        results.add(r);
        table.row(r.problem(), r.optimizer(), Format.ms(r.baseMs()), Format.ms(r.freeMs()), Format.ratio(r.freeRatio()),
            Format.ms(r.constrainedMs()), Format.ratio(r.constrainedRatio()), r.kernels(),
            Format.ms(r.constrainedGraphOpsMs()), Format.ratio(r.constrainedGraphOpsRatio()));
      }
    }
    report.section("step_cost", "Optimizer step cost with and without LAWN",
        List.of("Each row: the base optimizer's step, LAWN's free step, LAWN's constrained step (its default "
            + "kernels: `fused-cpu` where lawn-ops' native kernels load, else `graph-ops`) and the constrained step "
            + "forced to graph ops, on the same graph and batch (forward, backward and update), run interleaved for "
            + rounds + " rounds; medians "
            + "over rounds of the mean step time in a round. `ncf` / `conv`: plain-op graphs of lawn-bench's "
            + "StepCostBenchmark (NCF: embeddings 943+1682 x 32, MLP 64-32-16-8-1, batch 1024; conv: 28x28x1, "
            + "conv 32-64, dense 10, batch 256). `zoo ncf-mlp` / `zoo small-cnn`: the model zoo's models as the "
            + "trainer builds them (per-layer LAWN groups), fed one fixed batch (1024 / 256)." + (xla ? " XLA JIT on "
            + "for the plain-op graphs." : "")),
        table, List.of());
    if (opsTable.size() > 0) {
      report.section("step_ops", "Operations per step (zoo models)",
          List.of("Graph operations each step runs (its transitive inputs), and the constrained step's extra time "
              + "divided by its extra operations: on small models a step's cost is mostly a per-operation overhead."),
          opsTable, List.of());
      report.raw("step_ops", zooResults);
    }
    report.raw("step_cost", results);
    return results;
  }
}
