package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.ops.schedule.WarmupLinearDecay;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LAWN's choices where the paper is silent (see {@link Lawn}'s Javadoc). Each test runs LAWN
 * against the float64 reference made the same choice, and against one made the other way, and
 * requires agreement with the first and a clear difference from the second: under the other
 * choice, the test would fail.
 */
class LawnChoicesTest {

  static final int FREE_STEPS = 20;
  static final int CONSTRAINED_STEPS = 14;
  /**
   * Ten times {@link LawnReferenceTest#TOLERANCE}: "a different algorithm", not rounding. The other
   * choices land 0.002 to 0.08 away here.
   */
  static final double CLEARLY_DIFFERENT = 1e-4;

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"GRAPH_OPS", "FUSED"})
  void adamStateCarriesOverTheSwitch(KernelChoice kernels) {
    float[][] init = LawnHarness.randomInit(7, 0.5f);
    OptimizerSpec spec = OptimizerSpec.defaults(Kind.ADAM, 0);
    var carried = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    var reset = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    float[][] w = run(spec, init, kernels, carried, reset, ReferenceOptimizer::resetState);
    LawnReferenceTest.assertClose(carried.w, w, "m, v and the step count carried over");
    double apart = LawnHarness.maxRelativeDistance(reset.w, w);
    assertTrue(apart > CLEARLY_DIFFERENT, "a reset of m, v and the count lands only " + apart + " away");
  }

  @ParameterizedTest
  @EnumSource(value = ReferenceOptimizer.TrustRatio.class, names = {"AFTER_PROJECTION", "PER_GROUP"})
  void lambTrustRatioIsPerVariableOnTheUnprojectedDirection(ReferenceOptimizer.TrustRatio other) {
    float[][] init = LawnHarness.randomInit(8, 0.5f);
    OptimizerSpec spec = OptimizerSpec.defaults(Kind.LAMB, 0);
    var lawnChoice = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    var otherChoice = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    otherChoice.trustRatio = other;
    float[][] w = run(spec, init, KernelChoice.GRAPH_OPS, lawnChoice, otherChoice, r -> {});
    LawnReferenceTest.assertClose(lawnChoice.w, w, "per variable, before the projection");
    double apart = LawnHarness.maxRelativeDistance(otherChoice.w, w);
    assertTrue(apart > CLEARLY_DIFFERENT, other + " lands only " + apart + " away");
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"GRAPH_OPS", "FUSED"})
  void lambTrustRatioSkipsBiasesAndNormParameters(KernelChoice kernels) {
    float[][] init = LawnHarness.randomInit(9, 0.5f);
    OptimizerSpec spec = OptimizerSpec.defaults(Kind.LAMB, 0);
    boolean[] everything = new boolean[LawnHarness.LAYOUT.length];
    java.util.Arrays.fill(everything, true);
    var lawnChoice = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    var allVariables = new ReferenceOptimizer(spec, init, everything, LawnHarness.GROUPS);
    float[][] w = run(spec, init, kernels, lawnChoice, allVariables, r -> {});
    LawnReferenceTest.assertClose(lawnChoice.w, w, "kernels and embeddings only");
    double apart = LawnHarness.maxRelativeDistance(allVariables.w, w);
    assertTrue(apart > CLEARLY_DIFFERENT, "a trust ratio on biases too lands only " + apart + " away");
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"GRAPH_OPS", "FUSED"})
  void aGroupIsALayersKernelAndBiasAndNormParametersStayFree(KernelChoice kernels) {
    float[][] init = LawnHarness.randomInit(10, 0.5f);
    OptimizerSpec spec = OptimizerSpec.defaults(Kind.ADAM, 0);
    try (var h = new LawnHarness(init, spec, new WarmupLinearDecay(0.05, 1, 100), kernels)) {
      assertEquals(List.of("dense1", "emb", "out"), h.lawn.groups().stream().map(ParameterGroup::name).toList());
      h.run(h.lawn.switchOp());
      Random random = new Random(4);
      for (int step = 0; step < CONSTRAINED_STEPS; step++) {
        h.run(h.lawn.constrainedStep(), LawnHarness.randomInit(random.nextLong(), 1f));
      }
      float[][] after = h.weights();
      // dense1 = kernel (0) + bias (1): their joint norm is held, each one's own norm moves.
      double joint = Math.sqrt(sq(init[0]) + sq(init[1]));
      assertEquals(1, Math.sqrt(sq(after[0]) + sq(after[1])) / joint, 1e-5, "||[kernel, bias]|| is held");
      double kernelAlone = Math.sqrt(sq(after[0]) / sq(init[0]));
      assertTrue(Math.abs(kernelAlone - 1) > CLEARLY_DIFFERENT, "the kernel alone is not a group: " + kernelAlone);
      // bn/scale (3) is in no group: it trains freely, its norm is not held.
      double scale = Math.sqrt(sq(after[3]) / sq(init[3]));
      assertTrue(Math.abs(scale - 1) > CLEARLY_DIFFERENT, "the norm scale stays free: " + scale);
    }
  }

  /**
   * {@link #FREE_STEPS} free steps and {@link #CONSTRAINED_STEPS} constrained ones through LAWN
   * and both references; {@code atSwitch} runs on the second reference only, right at the switch.
   */
  private static float[][] run(OptimizerSpec spec, float[][] init, KernelChoice kernels, ReferenceOptimizer same,
      ReferenceOptimizer other, Consumer<ReferenceOptimizer> atSwitch) {
    int total = FREE_STEPS + CONSTRAINED_STEPS;
    var schedule = new WarmupLinearDecay(0.01, 5, total);
    try (var h = new LawnHarness(init, (tf, v) -> spec.build(tf, "opt", v, schedule), b -> b.kernels(kernels))) {
      Random random = new Random(11);
      for (int step = 0; step < total; step++) {
        if (step == FREE_STEPS) {
          h.run(h.lawn.switchOp());
          same.switchToConstrained("out", 1, -1);
          other.switchToConstrained("out", 1, -1);
          atSwitch.accept(other);
        }
        float[][] g = LawnHarness.randomInit(random.nextLong(), 1f);
        h.run(step >= FREE_STEPS ? h.lawn.constrainedStep() : h.lawn.freeStep(), g);
        same.step(g, schedule.rateAt(step));
        other.step(g, schedule.rateAt(step));
      }
      return h.weights();
    }
  }


  private static double sq(float[] x) {
    double s = 0;
    for (float v : x) {
      s += (double) v * v;
    }
    return s;
  }
}
