package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.StepTransform;
import dev.lawn.ops.schedule.ConstantRate;
import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

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

  /**
   * TF-Java 1.1.0's {@code Adam} updates its {@code beta1_power}/{@code beta2_power} variables with
   * assigns that are not ordered after its {@code ApplyAdam} kernels, which read them; so its first
   * step is 0.744x the textbook one (both powers a step ahead: (1-b1)/(1-b1^2) sqrt((1-b2^2)/(1-b2))),
   * 0.526x (only beta1's), 1.414x (only beta2's) or 1x, depending on the run. lawn's own Adam takes
   * the textbook step.
   */
  @Test
  void tfJavaAdamsFirstStepIsNotTheTextbookOneAndLawnsIs() {
    double lawns = firstStepRatio((tf, vars) -> OptimizerSpec.defaults(Kind.ADAM, 0).build(tf, "adam", vars, new ConstantRate(0.01)));
    assertEquals(1, lawns, 1e-5, "lawn's Adam: first step over the textbook step");
    // TF-Java's Adam does not order its bias-correction power updates after the step that reads
    // them, so which powers the step sees is a race: both a step ahead (0.744), only beta1's
    // (0.526), only beta2's (1.414), or neither (1, the textbook step). Every outcome must be one of
    // those four, and in 30 fresh graphs the race must show at least once.
    double beta1 = 0.9;
    double beta2 = 0.999;
    double bothAhead = (1 - beta1) / (1 - beta1 * beta1) * Math.sqrt((1 - beta2 * beta2) / (1 - beta2));
    double beta1Ahead = (1 - beta1) / (1 - beta1 * beta1);
    double beta2Ahead = Math.sqrt((1 - beta2 * beta2) / (1 - beta2));
    List<Double> seen = new java.util.ArrayList<>();
    for (int run = 0; run < 30; run++) {
      double ratio = firstStepRatio((tf, vars) -> new FrameworkOptimizer(tf, new Adam((Graph) tf.scope().env(), 0.01f), vars));
      double r = ratio;
      assertTrue(List.of(bothAhead, beta1Ahead, beta2Ahead, 1.0).stream().anyMatch(expected -> Math.abs(r - expected) < 1e-3),
          "TF-Java's Adam took a first step of " + ratio + "x the textbook one, none of the four orderings");
      seen.add(ratio);
    }
    assertTrue(seen.stream().anyMatch(r -> Math.abs(r - 1) > 0.2), "TF-Java's Adam took the textbook first step in 30 graphs "
        + seen + ": update FrameworkOptimizer's Javadoc and the README");
    System.out.println("TF-Java Adam first-step ratios in 30 graphs: " + seen);
  }

  /** The first step of {@code optimizer} on 100 weights, projected on the textbook Adam step {@code -lr sign(g)}. */
  private static double firstStepRatio(BiFunction<Ops, List<TrainableVariable>, BaseOptimizer> optimizer) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      float[] init = new float[100];
      float[] grad = new float[100];
      Random random = new Random(1);
      for (int i = 0; i < init.length; i++) {
        init[i] = (float) random.nextGaussian();
        grad[i] = (float) random.nextGaussian();
      }
      var w = tf.withName("w").variable(tf.withInitScope().constant(init));
      BaseOptimizer base = optimizer.apply(tf, List.of(new TrainableVariable("w", "dense", VariableRole.KERNEL, w)));
      List<Operand<TFloat32>> g = List.of(tf.constant(grad));
      var step = base.step(g, StepTransform.IDENTITY);
      try (Session session = new Session(graph)) {
        session.initialize();
        session.runner().addTarget(step).run().close();
        float[] after = new float[init.length];
        try (var r = session.runner().fetch(w).run()) {
          ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(after);
        }
        double along = 0;
        for (int i = 0; i < init.length; i++) {
          // Textbook first step: m_hat = g, v_hat = g^2, so w -= lr g / (|g| + eps), about lr sign(g).
          along += (init[i] - after[i]) * Math.signum(grad[i]);
        }
        return along / (0.01 * init.length);
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
