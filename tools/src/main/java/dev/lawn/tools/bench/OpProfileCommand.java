package dev.lawn.tools.bench;

import dev.lawn.ops.bench.OpTimeProfile;
import dev.lawn.ops.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lawn bench ops}: where LAWN's constrained step spends its time, op type by op type, next to
 * the base optimizer's step on the same zoo model ({@link ZooStepCost.Steps}, {@link OpTimeProfile}).
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
    if (steps < 1 || warmup < 0 || top < 1) {
      throw new IllegalArgumentException("--steps and --top must be >= 1 and --warmup >= 0");
    }
    OpTimeProfile.Profile base;
    OpTimeProfile.Profile constrained;
    try (ZooStepCost.Steps zoo = new ZooStepCost.Steps(model, kind)) {
      // Alternate halves so that a change of machine speed hits both alike.
      OpTimeProfile.Profile b1 = OpTimeProfile.of(() -> zoo.runner(zoo.base), warmup, (steps + 1) / 2);
      OpTimeProfile.Profile c1 = OpTimeProfile.of(() -> zoo.runner(zoo.constrained), warmup, (steps + 1) / 2);
      OpTimeProfile.Profile b2 = OpTimeProfile.of(() -> zoo.runner(zoo.base), 0, steps / 2 == 0 ? 1 : steps / 2);
      OpTimeProfile.Profile c2 = OpTimeProfile.of(() -> zoo.runner(zoo.constrained), 0, steps / 2 == 0 ? 1 : steps / 2);
      base = mean(b1, b2);
      constrained = mean(c1, c2);
    }
    BenchReport report = new BenchReport(ReportOutput.commandLine(spec));
    String name = model + ", " + kind.name().toLowerCase(Locale.ROOT);
    MarkdownTable totals = new MarkdownTable("step", "trace span µs", "kernel time µs", "nodes")
        .row("base", f(base.spanMicros()), f(base.kernelMicros()), f(base.nodes()))
        .row("LAWN constrained", f(constrained.spanMicros()), f(constrained.kernelMicros()), f(constrained.nodes()))
        .row("added", f(constrained.spanMicros() - base.spanMicros()), f(constrained.kernelMicros() - base.kernelMicros()),
            f(constrained.nodes() - base.nodes()));
    report.section("totals", "Traced step (" + name + ")", List.of("Per step, averaged over " + steps
        + " traced steps of each, alternating in two halves. Kernel time adds every node's time, so it exceeds the span "
        + "when nodes run in parallel."), totals, List.of());
    MarkdownTable types = new MarkdownTable("op type", "base µs", "base count", "constrained µs", "constrained count",
        "added µs", "added count");
    Set<String> all = new LinkedHashSet<>(constrained.byType().keySet());
    all.addAll(base.byType().keySet());
    List<String> sorted = new ArrayList<>(all);
    sorted.sort((x, y) -> Double.compare(added(constrained, base, y), added(constrained, base, x)));
    for (String type : sorted.subList(0, Math.min(top, sorted.size()))) {
      OpTimeProfile.TypeCost b = base.byType().getOrDefault(type, new OpTimeProfile.TypeCost(0, 0));
      OpTimeProfile.TypeCost c = constrained.byType().getOrDefault(type, new OpTimeProfile.TypeCost(0, 0));
      types.row(type, f(b.micros()), f(b.count()), f(c.micros()), f(c.count()), f(c.micros() - b.micros()),
          f(c.count() - b.count()));
    }
    report.section("types", "By operation type, most time added first", List.of(), types, List.of());
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("base", base);
    raw.put("constrained", constrained);
    report.raw("ops", raw);
    output.emit(report, spec);
    return 0;
  }

  private static double added(OpTimeProfile.Profile c, OpTimeProfile.Profile b, String type) {
    return c.byType().getOrDefault(type, new OpTimeProfile.TypeCost(0, 0)).micros()
        - b.byType().getOrDefault(type, new OpTimeProfile.TypeCost(0, 0)).micros();
  }

  /** The per-step mean of two halves (weights: their step counts are equal or differ by one; equal weights suffice). */
  private static OpTimeProfile.Profile mean(OpTimeProfile.Profile a, OpTimeProfile.Profile b) {
    Map<String, OpTimeProfile.TypeCost> types = new LinkedHashMap<>();
    Set<String> keys = new LinkedHashSet<>(a.byType().keySet());
    keys.addAll(b.byType().keySet());
    for (String k : keys) {
      OpTimeProfile.TypeCost x = a.byType().getOrDefault(k, new OpTimeProfile.TypeCost(0, 0));
      OpTimeProfile.TypeCost y = b.byType().getOrDefault(k, new OpTimeProfile.TypeCost(0, 0));
      types.put(k, new OpTimeProfile.TypeCost((x.micros() + y.micros()) / 2, (x.count() + y.count()) / 2));
    }
    return new OpTimeProfile.Profile((a.spanMicros() + b.spanMicros()) / 2, (a.kernelMicros() + b.kernelMicros()) / 2,
        (a.nodes() + b.nodes()) / 2, types);
  }

  private static String f(double x) {
    return String.format(Locale.ROOT, "%.1f", x);
  }
}
