package dev.lawn.bench;

import dev.lawn.ops.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where LAWN's constrained step spends its time, op type by op type, next to the base optimizer's
 * step on the same zoo model ({@link OpTimeProfile} over {@link ZooStepCost}'s steps). Tracing slows
 * every operation, so compare the two columns, not the absolute times with {@link StepCostBench}.
 *
 * <pre>{@code
 * BenchReport report = new BenchReport("op profile");
 * new OpProfileBench("ncf-mlp", OptimizerSpec.Kind.ADAM, 200, 50, 20).run(report);
 * System.out.print(report.markdown());
 * }</pre>
 *
 * @param model {@code ncf-mlp} or {@code small-cnn}
 * @param kind the base optimizer
 * @param steps traced steps of each step op
 * @param warmup untraced steps first
 * @param top op types listed, by time added
 */
public record OpProfileBench(String model, OptimizerSpec.Kind kind, int steps, int warmup, int top) {

  /** Validates the counts. */
  public OpProfileBench {
    if (steps < 1 || warmup < 0 || top < 1) {
      throw new IllegalArgumentException("--steps and --top must be >= 1 and --warmup >= 0");
    }
  }

  /** Traces both steps and appends the totals and the per-type table to {@code report}. */
  public void run(BenchReport report) {
    OpTimeProfile.Profile base;
    OpTimeProfile.Profile constrained;
    try (ZooStepCost.Steps zoo = new ZooStepCost.Steps(model, kind)) {
      // Alternate halves so that a change of machine speed hits both alike.
      int second = steps / 2 == 0 ? 1 : steps / 2;
      OpTimeProfile.Profile b1 = OpTimeProfile.of(() -> zoo.runner(zoo.base), warmup, (steps + 1) / 2);
      OpTimeProfile.Profile c1 = OpTimeProfile.of(() -> zoo.runner(zoo.constrained), warmup, (steps + 1) / 2);
      OpTimeProfile.Profile b2 = OpTimeProfile.of(() -> zoo.runner(zoo.base), 0, second);
      OpTimeProfile.Profile c2 = OpTimeProfile.of(() -> zoo.runner(zoo.constrained), 0, second);
      base = mean(b1, b2);
      constrained = mean(c1, c2);
    }
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
      OpTimeProfile.TypeCost b = cost(base, type);
      OpTimeProfile.TypeCost c = cost(constrained, type);
      types.row(type, f(b.micros()), f(b.count()), f(c.micros()), f(c.count()), f(c.micros() - b.micros()),
          f(c.count() - b.count()));
    }
    report.section("types", "By operation type, most time added first", List.of(), types, List.of());
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("base", base);
    raw.put("constrained", constrained);
    report.raw("ops", raw);
  }

  private static OpTimeProfile.TypeCost cost(OpTimeProfile.Profile p, String type) {
    return p.byType().getOrDefault(type, new OpTimeProfile.TypeCost(0, 0));
  }

  private static double added(OpTimeProfile.Profile c, OpTimeProfile.Profile b, String type) {
    return cost(c, type).micros() - cost(b, type).micros();
  }

  /** The per-step mean of two halves (their step counts are equal or differ by one; equal weights suffice). */
  private static OpTimeProfile.Profile mean(OpTimeProfile.Profile a, OpTimeProfile.Profile b) {
    Map<String, OpTimeProfile.TypeCost> types = new LinkedHashMap<>();
    Set<String> keys = new LinkedHashSet<>(a.byType().keySet());
    keys.addAll(b.byType().keySet());
    for (String k : keys) {
      OpTimeProfile.TypeCost x = cost(a, k);
      OpTimeProfile.TypeCost y = cost(b, k);
      types.put(k, new OpTimeProfile.TypeCost((x.micros() + y.micros()) / 2, (x.count() + y.count()) / 2));
    }
    return new OpTimeProfile.Profile((a.spanMicros() + b.spanMicros()) / 2, (a.kernelMicros() + b.kernelMicros()) / 2,
        (a.nodes() + b.nodes()) / 2, types);
  }

  private static String f(double x) {
    return String.format(Locale.ROOT, "%.1f", x);
  }
}
