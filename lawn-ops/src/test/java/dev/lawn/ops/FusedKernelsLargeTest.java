package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.kernels.FusedKernelLibrary;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.ops.schedule.ConstantRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The fused kernels on variables of thousands of elements, so that their 16-float vector loop, the
 * 512-element blocks of their sums and the scalar tails all run (5,063 = 9 blocks + 455; 1,079 = 2
 * blocks + 55; 83 and 13 elements take the vector loop and the tail, or the tail alone), and on the
 * gated gradients of a real loss, with their in-place writes.
 */
class FusedKernelsLargeTest {

  /** name, layer, role, shape: two dense layers, 61 -> 83 -> 13. */
  static final Object[][] LAYOUT = {
    {"l1/kernel", "l1", VariableRole.KERNEL, Shape.of(61, 83)},
    {"l1/bias", "l1", VariableRole.BIAS, Shape.of(83)},
    {"l2/kernel", "l2", VariableRole.KERNEL, Shape.of(83, 13)},
    {"l2/bias", "l2", VariableRole.BIAS, Shape.of(13)},
  };
  static final int[][] GROUPS = {{0, 1}, {2, 3}};
  static final boolean[] WEIGHTS_ONLY = {true, false, true, false};

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"ADAM", "LAMB"})
  void largeVariablesMatchTheFloat64Reference(Kind kind) {
    assertTrue(FusedKernelLibrary.load(), FusedKernelLibrary.failure());
    float[][] init = LawnHarness.randomInit(1, 0.1f, LAYOUT);
    OptimizerSpec spec = OptimizerSpec.defaults(kind, 0);
    var reference = new ReferenceOptimizer(spec, init, WEIGHTS_ONLY, GROUPS);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      List<TrainableVariable> vars = variables(tf, init);
      List<Placeholder<TFloat32>> grads = new ArrayList<>();
      for (Object[] v : LAYOUT) {
        grads.add(tf.placeholder(TFloat32.class, Placeholder.shape((Shape) v[3])));
      }
      var base = spec.build(tf, "opt", vars, new ConstantRate(0.01));
      Lawn lawn = Lawn.over(base).kernels(KernelChoice.FUSED).build(tf, new ArrayList<>(grads));
      assertTrue(lawn.fusedKernels());
      try (Session session = new Session(graph)) {
        session.initialize();
        session.runner().addTarget(lawn.switchOp()).run().close();
        reference.switchToConstrained("none", 1, -1);
        Random random = new Random(2);
        for (int step = 0; step < 15; step++) {
          float[][] g = LawnHarness.randomInit(random.nextLong(), 1f, LAYOUT);
          var runner = session.runner();
          List<Tensor> fed = new ArrayList<>();
          for (int i = 0; i < g.length; i++) {
            TFloat32 t = TFloat32.tensorOf((Shape) LAYOUT[i][3], DataBuffers.of(g[i], true, false));
            fed.add(t);
            runner.feed(grads.get(i), t);
          }
          try {
            runner.addTarget(lawn.constrainedStep()).run().close();
          } finally {
            fed.forEach(Tensor::close);
          }
          reference.step(g, 0.01);
          assertClose(reference.w, weights(session, vars), 1e-5, "step " + step);
        }
      }
    }
  }

  @Test
  void gatedGradientsOfARealLossWithFusedInPlaceWrites() {
    assertTrue(FusedKernelLibrary.load(), FusedKernelLibrary.failure());
    float[][] init = LawnHarness.randomInit(3, 0.1f, LAYOUT);
    TrainedRun fused = train(init, KernelChoice.FUSED);
    TrainedRun again = train(init, KernelChoice.FUSED);
    TrainedRun graphOps = train(init, KernelChoice.GRAPH_OPS);
    for (int i = 0; i < init.length; i++) {
      assertArrayEquals(fused.weights[i], again.weights[i], 0f, "gated steps are deterministic: " + LAYOUT[i][0]);
    }
    double[][] asDouble = new double[init.length][];
    for (int i = 0; i < init.length; i++) {
      asDouble[i] = new double[fused.weights[i].length];
      for (int j = 0; j < asDouble[i].length; j++) {
        asDouble[i][j] = graphOps.weights[i][j];
      }
    }
    assertClose(asDouble, fused.weights, 1e-4, "fused vs graph ops after 40 steps");
    for (int g = 0; g < GROUPS.length; g++) {
      assertEquals(1, fused.norms[g] / fused.targets[g], 1e-5, "group " + g + " on its sphere");
    }
    assertTrue(fused.lossAfter < fused.lossBefore, "the loss went down: " + fused.lossBefore + " -> " + fused.lossAfter);
  }

  record TrainedRun(float[][] weights, float[] norms, float[] targets, float lossBefore, float lossAfter) {}

  /** A two-layer regression, 10 free steps, the switch, 30 constrained steps. */
  private static TrainedRun train(float[][] init, KernelChoice kernels) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      List<TrainableVariable> vars = variables(tf, init);
      Random data = new Random(9);
      float[][] x = new float[64][61];
      float[][] y = new float[64][13];
      for (float[] row : x) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (float) data.nextGaussian();
        }
      }
      for (float[] row : y) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (float) data.nextGaussian();
        }
      }
      Operand<TFloat32> hidden = tf.math.tanh(tf.math.add(tf.linalg.matMul(tf.constant(x), vars.get(0).variable()),
          vars.get(1).variable()));
      Operand<TFloat32> out = tf.math.add(tf.linalg.matMul(hidden, vars.get(2).variable()), vars.get(3).variable());
      Operand<TFloat32> loss = tf.math.mean(tf.math.squaredDifference(out, tf.constant(y)), tf.constant(new int[] {0, 1}));
      var base = OptimizerSpec.defaults(Kind.ADAM, 0).build(tf, "opt", vars, new ConstantRate(0.01));
      Lawn lawn = Lawn.over(base).kernels(kernels).build(tf, LossGradients.of(tf, loss, vars));
      try (Session session = new Session(graph)) {
        session.initialize();
        float before = fetch(session, loss)[0];
        for (int step = 0; step < 40; step++) {
          if (step == 10) {
            session.runner().addTarget(lawn.switchOp()).run().close();
          }
          session.runner().addTarget(step >= 10 ? lawn.constrainedStep() : lawn.freeStep()).run().close();
        }
        float[] norms = new float[GROUPS.length];
        for (int g = 0; g < norms.length; g++) {
          norms[g] = fetch(session, lawn.groupNorms().get(g))[0];
        }
        return new TrainedRun(weights(session, vars), norms, fetch(session, lawn.targetNorms()), before,
            fetch(session, loss)[0]);
      }
    }
  }

  private static List<TrainableVariable> variables(Ops tf, float[][] init) {
    List<TrainableVariable> vars = new ArrayList<>();
    for (int i = 0; i < LAYOUT.length; i++) {
      var value = tf.withInitScope().constant((Shape) LAYOUT[i][3], DataBuffers.of(init[i], true, false));
      vars.add(new TrainableVariable((String) LAYOUT[i][0], (String) LAYOUT[i][1], (VariableRole) LAYOUT[i][2],
          tf.withName(((String) LAYOUT[i][0]).replace('/', '_')).variable(value)));
    }
    return vars;
  }

  private static float[][] weights(Session session, List<TrainableVariable> vars) {
    float[][] out = new float[vars.size()][];
    for (int i = 0; i < vars.size(); i++) {
      out[i] = fetch(session, vars.get(i).variable());
    }
    return out;
  }

  private static float[] fetch(Session session, Operand<TFloat32> op) {
    try (Result r = session.runner().fetch(op).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  private static void assertClose(double[][] expected, float[][] actual, double tolerance, String where) {
    for (int i = 0; i < expected.length; i++) {
      double rel = LawnHarness.relativeDistance(expected[i], actual[i]);
      assertTrue(rel <= tolerance, where + ": " + LAYOUT[i][0] + " relative error " + rel);
    }
  }
}
