package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.ops.schedule.ConstantRate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Separable logistic regression: without regularization Adam's weight norm grows without bound
 * (the loss can always be lowered by scaling up); Adam-LAWN holds it at {@code c} and classifies
 * just as well.
 */
class LogisticRegressionTest {

  static final int N = 200;

  @Test
  void freeAdamNormGrowsWhileLawnHoldsIt() {
    Run free = train(false);
    Run lawn = train(true);
    assertTrue(free.normAtEnd > 2 * free.normAtSwitch,
        "free Adam's norm keeps growing: " + free.normAtSwitch + " -> " + free.normAtEnd);
    assertEquals(lawn.normAtSwitch, lawn.normAtEnd, 1e-5 * lawn.normAtSwitch, "LAWN holds ||w|| = c");
    assertEquals(1.0, free.accuracy, 1e-9);
    assertEquals(1.0, lawn.accuracy, 1e-9);
    assertTrue(lawn.loss > free.loss, "bounded logits keep the loss away from 0 (no loss flattening)");
  }

  record Run(double normAtSwitch, double normAtEnd, double accuracy, double loss) {}

  static Run train(boolean constrain) {
    Random r = new Random(3);
    float[][] x = new float[N][2];
    float[] y = new float[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % 2;
      double sign = y[i] == 1 ? 1 : -1;
      x[i][0] = (float) (sign * (0.5 + r.nextDouble()));
      x[i][1] = (float) r.nextGaussian();
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Ops init = tf.withInitScope();
      var w = tf.withName("w").variable(init.constant(new float[][] {{0.01f}, {0.01f}}));
      var b = tf.withName("b").variable(init.constant(new float[] {0f}));
      var vars = List.of(new TrainableVariable("w", "linear", VariableRole.KERNEL, w),
          new TrainableVariable("b", "linear", VariableRole.BIAS, b));
      Operand<TFloat32> logits = tf.reshape(tf.math.add(tf.linalg.matMul(tf.constant(x), w), b), tf.constant(new int[] {-1}));
      Operand<TFloat32> labels = tf.constant(y);
      // Stable sigmoid cross-entropy: max(z,0) - z*y + log(1 + exp(-|z|)).
      Operand<TFloat32> loss = tf.math.mean(tf.math.add(tf.math.sub(tf.math.maximum(logits, tf.constant(0f)),
          tf.math.mul(logits, labels)), tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits))))), tf.constant(0));
      List<Operand<TFloat32>> gs = LossGradients.of(tf, loss, vars);
      var base = OptimizerSpec.defaults(Kind.ADAM, 0).build(tf, "adam", vars, new ConstantRate(0.05));
      Lawn lawn = Lawn.over(base).build(tf, gs);
      Operand<TFloat32> norm = lawn.groupNorms().get(0);
      Operand<TFloat32> accuracy = tf.math.mean(tf.dtypes.cast(tf.math.equal(
          tf.dtypes.cast(tf.math.greater(logits, tf.constant(0f)), TFloat32.class), labels), TFloat32.class), tf.constant(0));
      s.initialize();
      for (int i = 0; i < 200; i++) {
        s.run(lawn.freeStep());
      }
      if (constrain) {
        s.run(lawn.switchOp());
      }
      double atSwitch = fetch(s, norm);
      Op step = constrain ? lawn.constrainedStep() : lawn.freeStep();
      for (int i = 0; i < 3000; i++) {
        s.run(step);
      }
      return new Run(atSwitch, fetch(s, norm), fetch(s, accuracy), fetch(s, loss));
    }
  }

  static double fetch(Session s, Operand<TFloat32> op) {
    try (Result r = s.runner().fetch(op).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }
}
