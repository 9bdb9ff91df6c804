package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.optim.FrameworkOptimizer;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.framework.optimizers.RMSProp;

/** LAWN around TF-Java's own fused optimizers. */
class FrameworkOptimizerTest {

  @Test
  void momentumLawnMatchesTheReferenceAcrossTheSwitch() {
    float[][] init = LawnHarness.randomInit(21, 0.5f);
    double lr = 0.05;
    var reference = new ReferenceOptimizer(OptimizerSpec.defaults(Kind.SGD, 0), init,
        LawnHarness.WEIGHTS_ONLY, LawnHarness.GROUPS);
    try (var h = new LawnHarness(init,
        (tf, vars) -> new FrameworkOptimizer(tf, new Momentum((Graph) tf.scope().env(), (float) lr, 0.9f, false), vars),
        b -> b)) {
      Random random = new Random(8);
      for (int step = 0; step < 50; step++) {
        if (step == 15) {
          h.run(h.lawn.switchOp());
          reference.switchToConstrained("out", 1, -1);
        }
        float[][] g = LawnHarness.randomInit(random.nextLong(), 1f);
        h.run(step >= 15 ? h.lawn.constrainedStep() : h.lawn.freeStep(), g);
        reference.step(g, lr);
        // The momentum buffer must survive the switch: a reset would diverge right after it.
        LawnReferenceTest.assertClose(reference.w, h.weights(), "step " + step);
      }
    }
  }

  @Test
  void rmsPropLawnStaysOnTheSphere() {
    try (var h = new LawnHarness(LawnHarness.randomInit(5, 0.5f),
        (tf, vars) -> new FrameworkOptimizer(tf, new RMSProp((Graph) tf.scope().env(), 0.01f), vars), b -> b)) {
      Random random = new Random(1);
      h.run(h.lawn.switchOp());
      for (int step = 0; step < 200; step++) {
        h.run(h.lawn.constrainedStep(), LawnHarness.randomInit(random.nextLong(), 1f));
      }
      for (int g = 0; g < LawnHarness.GROUPS.length; g++) {
        double drift = Math.abs(h.scalar(h.lawn.groupNorms().get(g)) / h.vector(h.lawn.targetNorms())[g] - 1);
        assertTrue(drift <= 1e-5, "group " + g + " drift " + drift);
      }
    }
  }
}
