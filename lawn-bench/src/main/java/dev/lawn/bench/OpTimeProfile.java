package dev.lawn.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Where a step's time goes, by operation type: runs a step with TensorFlow's full trace and adds up
 * each executed node's kernel time ({@code op_end - op_start} of its {@code NodeExecStats}) per op
 * type ({@code Mul}, {@code L2Loss}, {@code _MklMatMul}, ...). Tracing slows every op down, so the
 * figures are for comparing two steps traced the same way (which op types a change adds, and how much
 * of the kernel time they take), not absolute step times.
 */
public final class OpTimeProfile {

  /** One op type's share of a step: kernel microseconds and executions, per step. */
  public record TypeCost(double micros, double count) {}

  /**
   * A step's profile, per step (averaged over the traced steps).
   *
   * @param spanMicros from the first node's start to the last node's end
   * @param kernelMicros the sum of all nodes' kernel times (more than the span when ops overlap)
   * @param nodes executed nodes
   * @param byType kernel time and count per op type, most expensive first
   */
  public record Profile(double spanMicros, double kernelMicros, double nodes, Map<String, TypeCost> byType) {}

  private OpTimeProfile() {}

  /**
   * Runs {@code warmup} untraced then {@code steps} traced steps; {@code runner} supplies a runner
   * with the step's feeds and target set (a fresh one per call).
   */
  public static Profile of(Supplier<Session.Runner> runner, int warmup, int steps) {
    if (steps < 1 || warmup < 0) {
      throw new IllegalArgumentException("need steps >= 1 and warmup >= 0, got " + steps + ", " + warmup);
    }
    for (int i = 0; i < warmup; i++) {
      try (Result ignored = runner.get().run()) {
        // warm-up: kernels chosen, buffers allocated
      }
    }
    RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    Map<String, double[]> sums = new TreeMap<>();
    double span = 0;
    double kernel = 0;
    long nodes = 0;
    for (int i = 0; i < steps; i++) {
      RunMetadata metadata;
      try (Result r = runner.get().setOptions(trace).runAndFetchMetadata()) {
        metadata = r.getMetadata().orElseThrow(() -> new IllegalStateException("TensorFlow returned no trace"));
      }
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
        for (NodeExecStats node : device.getNodeStatsList()) {
          double micros = node.getOpEndRelMicros() - node.getOpStartRelMicros();
          double[] s = sums.computeIfAbsent(opType(node), k -> new double[2]);
          s[0] += micros;
          s[1] += 1;
          kernel += micros;
          nodes++;
          first = Math.min(first, node.getAllStartMicros());
          last = Math.max(last, node.getAllStartMicros() + node.getAllEndRelMicros());
        }
      }
      span += last > first ? last - first : 0;
    }
    List<Map.Entry<String, double[]>> sorted = new java.util.ArrayList<>(sums.entrySet());
    sorted.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
    Map<String, TypeCost> byType = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : sorted) {
      byType.put(e.getKey(), new TypeCost(e.getValue()[0] / steps, e.getValue()[1] / steps));
    }
    return new Profile(span / steps, kernel / steps, (double) nodes / steps, Collections.unmodifiableMap(byType));
  }

  /** The op type from the trace's label ({@code "name = Type(inputs)"}), else the node's name. */
  static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    int eq = label.indexOf(" = ");
    if (eq < 0) {
      return node.getNodeName();
    }
    int paren = label.indexOf('(', eq);
    return label.substring(eq + 3, paren < 0 ? label.length() : paren).strip();
  }
}
