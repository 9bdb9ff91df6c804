package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.ops.schedule.WarmupLinearDecay;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The graph optimizers against the float64 reference: free steps, switch, constrained steps. */
class LawnReferenceTest {

  static final int FREE_STEPS = 20;
  static final int CONSTRAINED_STEPS = 40;
  static final double TOLERANCE = 1e-5;

  @ParameterizedTest(name = "{0} wd={1} lawn={2} alpha={3} {4}")
  @CsvSource({
    "ADAM, 0, true, 1, GRAPH_OPS",
    "ADAM, 0, true, 1, FUSED",
    "ADAM, 0, true, 0.2, GRAPH_OPS",
    "ADAM, 0, true, 0.2, FUSED",
    "LAMB, 0, true, 1, GRAPH_OPS",
    "LAMB, 0, true, 1, FUSED",
    "SGD, 0, true, 1, GRAPH_OPS",
    "SGD, 0, true, 1, FUSED",
    "ADAMW, 0, true, 1, GRAPH_OPS",
    "ADAMW, 0, true, 1, FUSED",
    "ADAM, 0.01, false, 1, GRAPH_OPS",
    "ADAMW, 0.05, false, 1, GRAPH_OPS",
    "LAMB, 0.05, false, 1, GRAPH_OPS",
    "SGD, 0.01, false, 1, GRAPH_OPS",
  })
  void graphMatchesFloat64Reference(Kind kind, float weightDecay, boolean lawn, float alpha, KernelChoice kernels) {
    OptimizerSpec spec = OptimizerSpec.defaults(kind, weightDecay);
    int total = FREE_STEPS + CONSTRAINED_STEPS;
    var schedule = new WarmupLinearDecay(kind == Kind.SGD ? 0.05 : 0.01, 5, total);
    float[][] init = LawnHarness.randomInit(7, 0.5f);
    var reference = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    try (var h = new LawnHarness(init, (tf, v) -> spec.build(tf, "opt", v, schedule),
        b -> (alpha == 1f ? b : b.attenuate("out", alpha)).kernels(kernels))) {
      assertEquals(kernels == KernelChoice.FUSED, h.lawn.fusedKernels());
      Random random = new Random(11);
      for (int step = 0; step < total; step++) {
        if (lawn && step == FREE_STEPS) {
          h.run(h.lawn.switchOp());
          reference.switchToConstrained("out", alpha, alpha == 1f ? -1 : 2);
          assertClose(reference.w, h.weights(), "after switch");
        }
        float[][] g = LawnHarness.randomInit(random.nextLong(), 1f);
        boolean constrained = lawn && step >= FREE_STEPS;
        h.run(constrained ? h.lawn.constrainedStep() : h.lawn.freeStep(), g);
        reference.step(g, schedule.rateAt(step));
        assertClose(reference.w, h.weights(), "step " + step);
      }
    }
  }

  static void assertClose(double[][] expected, float[][] actual, String where) {
    for (int i = 0; i < expected.length; i++) {
      double rel = LawnHarness.relativeDistance(expected[i], actual[i]);
      assertTrue(rel <= TOLERANCE, where + ": variable " + LawnHarness.LAYOUT[i][0] + " relative error " + rel);
    }
  }

  @ParameterizedTest
  @CsvSource({"ADAM, GRAPH_OPS", "ADAM, FUSED", "LAMB, GRAPH_OPS", "LAMB, FUSED", "SGD, GRAPH_OPS", "SGD, FUSED"})
  void constrainedPhaseKeepsEveryGroupOnItsSphere(Kind kind, KernelChoice kernels) {
    OptimizerSpec spec = OptimizerSpec.defaults(kind, 0);
    var schedule = new WarmupLinearDecay(0.05, 100, 10_000);
    try (var h = new LawnHarness(LawnHarness.randomInit(3, 0.5f), spec, schedule, kernels)) {
      Random random = new Random(5);
      h.run(h.lawn.freeStep(), LawnHarness.randomInit(1, 1f));
      h.run(h.lawn.switchOp());
      float[] c = new float[LawnHarness.GROUPS.length];
      for (int g = 0; g < c.length; g++) {
        c[g] = h.vector(h.lawn.targetNorms())[g];
        assertTrue(c[g] > 0);
      }
      var norms = h.lawn.groupNorms();
      for (int step = 1; step <= 10_000; step++) {
        h.run(h.lawn.constrainedStep(), LawnHarness.randomInit(random.nextLong(), 1f));
        if (step <= 50 || step % 500 == 0) {
          for (int g = 0; g < c.length; g++) {
            double drift = Math.abs(h.scalar(norms.get(g)) / c[g] - 1);
            assertTrue(drift <= 1e-5, "step " + step + " group " + g + " drift " + drift);
          }
        }
      }
      assertEquals(Lawn.CONSTRAINED, phase(h));
    }
  }

  static int phase(LawnHarness h) {
    try (var r = h.session.runner().fetch(h.lawn.phase()).run()) {
      return ((org.tensorflow.types.TInt32) r.get(0)).getInt();
    }
  }
}
