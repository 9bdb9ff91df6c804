package dev.lawn.ops;

import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.schedule.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** A graph with variables of several shapes and roles, gradients fed through placeholders. */
final class LawnHarness implements AutoCloseable {

  /** name, layer, role, shape of each test variable. */
  static final Object[][] LAYOUT = {
    {"dense1/kernel", "dense1", VariableRole.KERNEL, Shape.of(3, 4)},
    {"dense1/bias", "dense1", VariableRole.BIAS, Shape.of(4)},
    {"emb/embedding", "emb", VariableRole.EMBEDDING, Shape.of(6, 3)},
    {"bn/scale", "bn", VariableRole.NORM_SCALE, Shape.of(4)},
    {"out/kernel", "out", VariableRole.KERNEL, Shape.of(4, 2)},
    {"out/bias", "out", VariableRole.BIAS, Shape.of(2)},
  };
  /** Indices of the default per-layer groups: dense1, emb, out (bn stays free). */
  static final int[][] GROUPS = {{0, 1}, {2}, {4, 5}};
  /** LAMB's weights-only mask over LAYOUT. */
  static final boolean[] WEIGHTS_ONLY = {true, false, true, false, true, false};

  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final List<TrainableVariable> vars = new ArrayList<>();
  final List<Placeholder<TFloat32>> grads = new ArrayList<>();
  final BaseOptimizer base;
  final Lawn lawn;
  final Session session;

  LawnHarness(float[][] init, BiFunction<Ops, List<TrainableVariable>, BaseOptimizer> optimizer, Function<Lawn.Builder, Lawn.Builder> config) {
    Ops initOps = tf.withInitScope();
    for (int i = 0; i < LAYOUT.length; i++) {
      Shape shape = (Shape) LAYOUT[i][3];
      var value = initOps.constant(shape, DataBuffers.of(init[i], true, false));
      var variable = tf.withName(((String) LAYOUT[i][0]).replace('/', '_')).variable(value);
      vars.add(new TrainableVariable((String) LAYOUT[i][0], (String) LAYOUT[i][1], (VariableRole) LAYOUT[i][2], variable));
      grads.add(tf.placeholder(TFloat32.class, Placeholder.shape(shape)));
    }
    base = optimizer.apply(tf, vars);
    List<Operand<TFloat32>> g = new ArrayList<>(grads);
    lawn = config.apply(Lawn.over(base)).build(tf, g);
    session = new Session(graph);
    session.initialize();
  }

  LawnHarness(float[][] init, OptimizerSpec spec, LearningRateSchedule schedule) {
    this(init, (ops, v) -> spec.build(ops, "opt", v, schedule), b -> b);
  }

  LawnHarness(float[][] init, OptimizerSpec spec, LearningRateSchedule schedule, KernelChoice kernels) {
    this(init, (ops, v) -> spec.build(ops, "opt", v, schedule), b -> b.kernels(kernels));
  }

  /** ||expected - actual|| / ||expected|| of one variable (the denominator floored at 1e-6). */
  static double relativeDistance(double[] expected, float[] actual) {
    double diff = 0;
    double norm = 0;
    for (int j = 0; j < expected.length; j++) {
      diff += Math.pow(expected[j] - actual[j], 2);
      norm += expected[j] * expected[j];
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-6);
  }

  /** The largest {@link #relativeDistance} over the variables. */
  static double maxRelativeDistance(double[][] expected, float[][] actual) {
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, relativeDistance(expected[i], actual[i]));
    }
    return max;
  }

  static float[][] randomInit(long seed, float scale) {
    return randomInit(seed, scale, LAYOUT);
  }

  /** Gaussian values of the given scale for every variable of {@code layout} (rows as in {@link #LAYOUT}). */
  static float[][] randomInit(long seed, float scale, Object[][] layout) {
    Random r = new Random(seed);
    float[][] out = new float[layout.length][];
    for (int i = 0; i < layout.length; i++) {
      out[i] = new float[(int) ((Shape) layout[i][3]).size()];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = (float) (r.nextGaussian() * scale);
      }
    }
    return out;
  }

  void run(Op op, float[][] gradients) {
    run(op, gradients, List.of());
  }

  /** Runs {@code op} on {@code gradients} and returns {@code fetches} as that same run computed them. */
  float[][] run(Op op, float[][] gradients, List<Operand<TFloat32>> fetches) {
    var runner = session.runner();
    List<Tensor> fed = new ArrayList<>();
    try {
      for (int i = 0; i < grads.size(); i++) {
        Shape shape = (Shape) LAYOUT[i][3];
        TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(gradients[i], true, false));
        fed.add(t);
        runner.feed(grads.get(i), t);
      }
      fetches.forEach(runner::fetch);
      float[][] out = new float[fetches.size()][];
      try (Result result = runner.addTarget(op).run()) {
        for (int i = 0; i < out.length; i++) {
          TFloat32 t = (TFloat32) result.get(i);
          out[i] = new float[(int) t.size()];
          t.asRawTensor().data().asFloats().read(out[i]);
        }
      }
      return out;
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  void run(Op op) {
    session.runner().addTarget(op).run().close();
  }

  float[][] weights() {
    var runner = session.runner();
    for (TrainableVariable v : vars) {
      runner.fetch(v.variable());
    }
    float[][] out = new float[vars.size()][];
    try (Result result = runner.run()) {
      for (int i = 0; i < vars.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        out[i] = new float[(int) t.size()];
        t.asRawTensor().data().asFloats().read(out[i]);
      }
    }
    return out;
  }

  float[] vector(Operand<TFloat32> op) {
    try (Result r = session.runner().fetch(op).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  float scalar(Operand<TFloat32> op) {
    try (Result r = session.runner().fetch(op).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
