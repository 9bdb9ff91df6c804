package dev.lawn.bench;

import dev.lawn.ops.Lawn;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.schedule.ConstantRate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What LAWN costs per step, on graphs built from plain ops (no model library): an NCF-sized problem
 * (user/item embeddings 943 + 1682 = 2,625 rows x 32, MLP 64-32-16-8-1, batch 1024) and a small conv
 * net (28x28x1, conv 32-64, dense 10, batch 256). Each round runs the base optimizer's step, LAWN's
 * free step, LAWN's constrained step (default kernels) and the constrained step with graph ops
 * {@code stepsPerRound} times each, interleaved so that machine noise hits all alike; the median
 * per-step time over rounds is reported with the ratios.
 *
 * <p>Usage: {@code StepCostBenchmark [rounds] [stepsPerRound] [optimizer]}.
 */
public final class StepCostBenchmark {

  /**
   * Medians in milliseconds per step.
   *
   * @param kernels what LAWN's default constrained step ran: {@code fused-cpu} or {@code graph-ops}
   * @param constrainedGraphOpsMs the constrained step forced to graph ops, in the same rounds
   */
  public record Result(String problem, String optimizer, double baseMs, double freeMs, double constrainedMs,
      String kernels, double constrainedGraphOpsMs) {
    /** LAWN's free step over the base step. */
    public double freeRatio() {
      return freeMs / baseMs;
    }

    /** LAWN's constrained step over the base step. */
    public double constrainedRatio() {
      return constrainedMs / baseMs;
    }

    /** LAWN's constrained step on graph ops over the base step. */
    public double constrainedGraphOpsRatio() {
      return constrainedGraphOpsMs / baseMs;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-5s %-6s base %.3f ms  free %.3f ms (%.3fx)  constrained %.3f ms (%.3fx, %s)"
          + "  constrained graph ops %.3f ms (%.3fx)", problem, optimizer, baseMs, freeMs, freeRatio(), constrainedMs,
          constrainedRatio(), kernels, constrainedGraphOpsMs, constrainedGraphOpsRatio());
    }
  }

  /** Prints the step costs of the two graphs; arguments as in the class comment. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    OptimizerSpec.Kind kind = args.length > 2 ? OptimizerSpec.Kind.parse(args[2]) : OptimizerSpec.Kind.ADAM;
    boolean xla = args.length > 3 && args[3].equals("xla");
    System.out.println(measure("ncf", kind, rounds, steps, xla));
    System.out.println(measure("conv", kind, rounds, Math.max(1, steps / 10), xla));
  }

  /** Measures one problem ({@code "ncf"} or {@code "conv"}). */
  public static Result measure(String problem, OptimizerSpec.Kind kind, int rounds, int stepsPerRound, boolean xla) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<TrainableVariable> vars = new ArrayList<>();
      Operand<TFloat32> loss = problem.equals("ncf") ? ncf(tf, vars) : conv(tf, vars);
      List<Operand<TFloat32>> gs = dev.lawn.ops.LossGradients.of(tf, loss, vars);
      var spec = OptimizerSpec.defaults(kind, 0);
      // Three optimizers over the same variables: the bare base, the one LAWN wraps with its default
      // kernels, and one LAWN wraps with graph ops.
      Op baseStep = spec.build(tf, "bare", vars, new ConstantRate(1e-3))
          .step(gs, dev.lawn.ops.optim.StepTransform.IDENTITY);
      Lawn lawn = Lawn.over(spec.build(tf, "wrapped", vars, new ConstantRate(1e-3))).build(tf, gs);
      Lawn graphOps = Lawn.over(spec.build(tf, "wrapped-graph", vars, new ConstantRate(1e-3)))
          .kernels(KernelChoice.GRAPH_OPS).build(tf, gs);
      try (Session s = xla ? new Session(g, xlaConfig()) : new Session(g)) {
        s.initialize();
        s.run(lawn.switchOp());
        s.run(graphOps.switchOp());
        Op[] ops = {baseStep, lawn.freeStep(), lawn.constrainedStep(), graphOps.constrainedStep()};
        double[][] ms = new double[ops.length][rounds];
        for (Op op : ops) {
          time(s, op, stepsPerRound); // warm-up
        }
        for (int r = 0; r < rounds; r++) {
          for (int k = 0; k < ops.length; k++) {
            ms[k][r] = time(s, ops[k], stepsPerRound);
          }
        }
        return new Result(problem, kind.name().toLowerCase(Locale.ROOT), median(ms[0]), median(ms[1]), median(ms[2]),
            lawn.kernelsName(), median(ms[3]));
      }
    }
  }

  /** XLA JIT on CPU (also needs TF_XLA_FLAGS=--tf_xla_cpu_global_jit in the environment). */
  static org.tensorflow.proto.ConfigProto xlaConfig() {
    return org.tensorflow.proto.ConfigProto.newBuilder()
        .setGraphOptions(org.tensorflow.proto.GraphOptions.newBuilder().setOptimizerOptions(
            org.tensorflow.proto.OptimizerOptions.newBuilder()
                .setGlobalJitLevel(org.tensorflow.proto.OptimizerOptions.GlobalJitLevel.ON_1)))
        .build();
  }

  private static double time(Session s, Op op, int steps) {
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      s.run(op);
    }
    return (System.nanoTime() - t0) / 1e6 / steps;
  }

  private static double median(double[] x) {
    double[] c = x.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static Operand<TFloat32> ncf(Ops tf, List<TrainableVariable> vars) {
    int batch = 1024;
    Random r = new Random(1);
    int[] users = new int[batch];
    int[] items = new int[batch];
    float[] labels = new float[batch];
    for (int i = 0; i < batch; i++) {
      users[i] = r.nextInt(943);
      items[i] = r.nextInt(1682);
      labels[i] = i % 5 == 0 ? 1 : 0;
    }
    Variable<TFloat32> ue = variable(tf, vars, "user_embedding", VariableRole.EMBEDDING, Shape.of(943, 32), 0.01f);
    Variable<TFloat32> ie = variable(tf, vars, "item_embedding", VariableRole.EMBEDDING, Shape.of(1682, 32), 0.01f);
    Operand<TFloat32> h = tf.concat(List.of(
        tf.gather(ue, tf.constant(users), tf.constant(0)), tf.gather(ie, tf.constant(items), tf.constant(0))), tf.constant(1));
    int[] widths = {64, 32, 16, 8, 1};
    for (int l = 1; l < widths.length; l++) {
      h = dense(tf, vars, "dense" + l, h, widths[l - 1], widths[l], l < widths.length - 1);
    }
    Operand<TFloat32> logits = tf.reshape(h, tf.constant(new int[] {-1}));
    Operand<TFloat32> y = tf.constant(labels);
    return tf.math.mean(tf.math.add(tf.math.sub(tf.math.maximum(logits, tf.constant(0f)), tf.math.mul(logits, y)),
        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits))))), tf.constant(0));
  }

  private static Operand<TFloat32> conv(Ops tf, List<TrainableVariable> vars) {
    int batch = 256;
    Random r = new Random(2);
    float[][][][] images = new float[batch][28][28][1];
    float[][] onehot = new float[batch][10];
    for (int i = 0; i < batch; i++) {
      for (float[][] row : images[i]) {
        for (float[] px : row) {
          px[0] = r.nextFloat();
        }
      }
      onehot[i][r.nextInt(10)] = 1;
    }
    Operand<TFloat32> h = tf.constant(images);
    h = convLayer(tf, vars, "conv1", h, 1, 32);
    h = convLayer(tf, vars, "conv2", h, 32, 64);
    h = tf.reshape(h, tf.constant(new int[] {-1, 7 * 7 * 64}));
    Operand<TFloat32> logits = dense(tf, vars, "dense", h, 7 * 7 * 64, 10, false);
    return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, tf.constant(onehot)).loss(), tf.constant(0));
  }

  private static Operand<TFloat32> convLayer(Ops tf, List<TrainableVariable> vars, String name, Operand<TFloat32> x, int in, int out) {
    var k = variable(tf, vars, name + "/kernel", VariableRole.KERNEL, Shape.of(3, 3, in, out), (float) Math.sqrt(2.0 / (9 * in)));
    var b = variable(tf, vars, name + "/bias", VariableRole.BIAS, Shape.of(out), 0f);
    Operand<TFloat32> y = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, k, List.of(1L, 1L, 1L, 1L), "SAME"), b));
    return tf.nn.maxPool(y, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "SAME");
  }

  private static Operand<TFloat32> dense(Ops tf, List<TrainableVariable> vars, String name, Operand<TFloat32> x, int in, int out, boolean relu) {
    var k = variable(tf, vars, name + "/kernel", VariableRole.KERNEL, Shape.of(in, out), (float) Math.sqrt(2.0 / in));
    var b = variable(tf, vars, name + "/bias", VariableRole.BIAS, Shape.of(out), 0f);
    Operand<TFloat32> y = tf.math.add(tf.linalg.matMul(x, k), b);
    return relu ? tf.nn.relu(y) : y;
  }

  private static Variable<TFloat32> variable(Ops tf, List<TrainableVariable> vars, String name, VariableRole role, Shape shape, float std) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> value = std == 0f
        ? init.zeros(init.constant(shape), TFloat32.class)
        : init.math.mul(init.random.truncatedNormal(init.constant(shape), TFloat32.class,
            TruncatedNormal.seed(1L).seed2((long) vars.size())), init.constant(std));
    Variable<TFloat32> v = tf.withName(name.replace('/', '_')).variable(value);
    String layer = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
    vars.add(new TrainableVariable(name, layer, role, v));
    return v;
  }

  private StepCostBenchmark() {}
}
