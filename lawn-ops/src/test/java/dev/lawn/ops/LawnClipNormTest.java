package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.ops.schedule.WarmupLinearDecay;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@link OptimizerSpec#withClipNorm}: clipped Adam, SGD and LAMB against the float64 reference, alone
 * and under LAWN, where the chain clips the projected gradient and the groups stay on their spheres.
 */
class LawnClipNormTest {

  static final int FREE_STEPS = 12;
  static final int CONSTRAINED_STEPS = 30;

  /**
   * The gradient of step {@code step}: every third one short (global norm about 0.35 over the 48
   * entries of {@link LawnHarness#LAYOUT}), the others about 7, so a clip norm of 1 lets some
   * through and shortens the others, and the factor changes from step to step (a constant factor
   * would be almost invisible to Adam).
   */
  static float[][] gradient(Random random, int step) {
    return LawnHarness.randomInit(random.nextLong(), step % 3 == 0 ? 0.05f : 1f);
  }

  @ParameterizedTest(name = "{0} wd={1} clip={2}")
  @CsvSource({"ADAM, 0, 1", "ADAM, 0.01, 1", "ADAM, 0, 100", "SGD, 0, 1", "SGD, 0.01, 1", "SGD, 0, 100",
      "LAMB, 0.01, 1", "ADAMW, 0.05, 1"})
  void clippedStepsMatchTheReference(Kind kind, float weightDecay, float clip) {
    OptimizerSpec spec = OptimizerSpec.defaults(kind, weightDecay).withClipNorm(clip);
    int total = FREE_STEPS + CONSTRAINED_STEPS;
    var schedule = new WarmupLinearDecay(kind == Kind.SGD ? 0.05 : 0.01, 5, total);
    float[][] init = LawnHarness.randomInit(7, 0.5f);
    var reference = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    var unclipped = new ReferenceOptimizer(spec.withClipNorm(0), init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    int above = 0;
    int below = 0;
    try (var h = new LawnHarness(init, spec, schedule)) {
      Random random = new Random(11);
      for (int step = 0; step < total; step++) {
        float[][] g = gradient(random, step);
        if (Math.sqrt(ReferenceOptimizer.globalSquaredNorm(toDouble(g))) > clip) {
          above++;
        } else {
          below++;
        }
        h.run(h.lawn.freeStep(), g);
        reference.step(g, schedule.rateAt(step));
        unclipped.step(g, schedule.rateAt(step));
        LawnReferenceTest.assertClose(reference.w, h.weights(), "step " + step);
      }
      assertTrue(below > 0, "some gradient is under the clip norm");
      if (clip < 100) {
        assertTrue(above > 0, "some gradient is over the clip norm");
        assertTrue(LawnHarness.maxRelativeDistance(unclipped.w, h.weights()) > 100 * LawnReferenceTest.TOLERANCE,
            "the clipping changed the weights");
      }
    }
  }

  /**
   * Under LAWN: the graph against the reference (which clips the projected gradient), the clipped
   * projected gradient orthogonal to every constrained group's weights, {@code ||w_l|| = c_l} after
   * every constrained step, and a different result had the raw gradient been clipped.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"ADAM, GRAPH_OPS", "ADAM, FUSED", "SGD, GRAPH_OPS", "SGD, FUSED", "LAMB, GRAPH_OPS", "LAMB, FUSED"})
  void underLawnTheClippedGradientStaysTangentAndTheNormsHold(Kind kind, KernelChoice kernels) {
    float clip = 0.5f;
    OptimizerSpec spec = OptimizerSpec.defaults(kind, 0, true).withClipNorm(clip);
    int total = FREE_STEPS + CONSTRAINED_STEPS;
    var schedule = new WarmupLinearDecay(kind == Kind.SGD ? 0.05 : 0.01, 5, total);
    float[][] init = LawnHarness.randomInit(3, 0.5f);
    var reference = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    var otherOrder = new ReferenceOptimizer(spec, init, LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    otherOrder.clipBeforeProjection = true;
    int clipped = 0;
    try (var h = new LawnHarness(init, spec, schedule, kernels)) {
      Random random = new Random(5);
      for (int step = 0; step < total; step++) {
        if (step == FREE_STEPS) {
          h.run(h.lawn.switchOp());
          reference.switchToConstrained("out", 1, -1);
          otherOrder.switchToConstrained("out", 1, -1);
        }
        float[][] g = gradient(random, step);
        boolean constrained = step >= FREE_STEPS;
        float[][] before = h.weights();
        // Through identities: a free variable's "projected" gradient is its fed placeholder, which TF will not fetch.
        float[][] projected = h.run(constrained ? h.lawn.constrainedStep() : h.lawn.freeStep(), g,
            constrained ? h.lawn.projectedGradients().stream().<Operand<TFloat32>>map(h.tf::identity).toList() : List.<Operand<TFloat32>>of());
        reference.step(g, schedule.rateAt(step));
        otherOrder.step(g, schedule.rateAt(step));
        float[][] after = h.weights();
        LawnReferenceTest.assertClose(reference.w, after, "step " + step);
        if (!constrained) {
          continue;
        }
        double norm = Math.sqrt(ReferenceOptimizer.globalSquaredNorm(toDouble(projected)));
        double factor = Math.min(1, clip / norm);
        clipped += factor < 1 ? 1 : 0;
        for (int group = 0; group < LawnHarness.GROUPS.length; group++) {
          double cosine = cosine(LawnHarness.GROUPS[group], before, projected, factor);
          assertTrue(Math.abs(cosine) <= 1e-5, "step " + step + " group " + group + ": cos(w, clipped g_p) = " + cosine);
          double drift = Math.abs(groupNorm(LawnHarness.GROUPS[group], after) / reference.c[group] - 1);
          assertTrue(drift <= 1e-5, "step " + step + " group " + group + " norm drift " + drift);
        }
      }
      assertTrue(clipped >= CONSTRAINED_STEPS / 2, "the clip shortened " + clipped + " constrained steps");
      assertTrue(LawnHarness.maxRelativeDistance(otherOrder.w, h.weights()) > 10 * LawnReferenceTest.TOLERANCE,
          "clipping before the projection would differ");
      assertEquals(Lawn.CONSTRAINED, LawnReferenceTest.phase(h));
    }
  }

  /** An all-zero gradient, free and constrained, with clipping on: no NaN, and weights that hold still. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"ADAM, GRAPH_OPS", "ADAM, FUSED", "SGD, GRAPH_OPS", "LAMB, FUSED"})
  void aZeroGradientGivesFiniteWeights(Kind kind, KernelChoice kernels) {
    OptimizerSpec spec = OptimizerSpec.defaults(kind, 0, true).withClipNorm(1f);
    float[][] init = LawnHarness.randomInit(9, 0.5f);
    float[][] zeros = LawnHarness.randomInit(1, 0f);
    try (var h = new LawnHarness(init, spec, new WarmupLinearDecay(0.01, 0, 10), kernels)) {
      h.run(h.lawn.freeStep(), zeros);
      h.run(h.lawn.switchOp());
      for (int step = 0; step < 3; step++) {
        h.run(h.lawn.constrainedStep(), zeros);
      }
      float[][] w = h.weights();
      for (int i = 0; i < w.length; i++) {
        for (int j = 0; j < w[i].length; j++) {
          assertTrue(Float.isFinite(w[i][j]), LawnHarness.LAYOUT[i][0] + "[" + j + "] = " + w[i][j]);
          assertEquals(init[i][j], w[i][j], 1e-6, "a zero gradient moves nothing");
        }
      }
    }
  }

  /** cos(w_g, factor * p_g) over the variables of one group. */
  private static double cosine(int[] group, float[][] w, float[][] p, double factor) {
    double dot = 0;
    double ww = 0;
    double pp = 0;
    for (int i : group) {
      for (int j = 0; j < w[i].length; j++) {
        double clippedEntry = factor * p[i][j];
        dot += w[i][j] * clippedEntry;
        ww += (double) w[i][j] * w[i][j];
        pp += clippedEntry * clippedEntry;
      }
    }
    return dot / Math.max(Math.sqrt(ww * pp), 1e-30);
  }

  private static double groupNorm(int[] group, float[][] w) {
    double s = 0;
    for (int i : group) {
      for (float x : w[i]) {
        s += (double) x * x;
      }
    }
    return Math.sqrt(s);
  }


  private static double[][] toDouble(float[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = x[i][j];
      }
    }
    return out;
  }
}
