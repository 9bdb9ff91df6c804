package example;

import dev.lawn.ops.Lawn;
import dev.lawn.ops.LossGradients;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.schedule.WarmupLinearDecay;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A graph built with plain TF-Java ops (a 2-layer ReLU net on two noisy rings), trained with
 * Adam-LAWN through lawn's public API: free epochs, the switch, constrained epochs.
 */
public final class TwoLayerClassifier {

  /** What a run reports. */
  public record Outcome(double accuracy, double[] normsAfterSwitch, double[] targetNorms, double loss) {}

  public static void main(String[] args) {
    Outcome o = train(400, 100, 1);
    System.out.printf("accuracy %.3f, loss %.4f%n", o.accuracy(), o.loss());
    for (int g = 0; g < o.targetNorms().length; g++) {
      System.out.printf("group %d: ||w|| = %.6f, c = %.6f%n", g, o.normsAfterSwitch()[g], o.targetNorms()[g]);
    }
  }

  /** Trains for {@code steps} full-batch steps, switching to constrained training at {@code freeSteps}. */
  public static Outcome train(int steps, int freeSteps, long seed) {
    int n = 512;
    float[][] x = new float[n][2];
    float[][] y = new float[n][1];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      double radius = (label == 1 ? 2.0 : 1.0) + 0.15 * r.nextGaussian();
      double angle = 2 * Math.PI * r.nextDouble();
      x[i][0] = (float) (radius * Math.cos(angle));
      x[i][1] = (float) (radius * Math.sin(angle));
      y[i][0] = label;
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Ops init = tf.withInitScope();
      Variable<TFloat32> w1 = tf.withName("w1").variable(init.random.truncatedNormal(
          init.constant(new long[] {2, 16}), TFloat32.class,
          org.tensorflow.op.random.TruncatedNormal.seed(seed).seed2(1L)));
      Variable<TFloat32> b1 = tf.withName("b1").variable(init.zeros(init.constant(new long[] {16}), TFloat32.class));
      Variable<TFloat32> w2 = tf.withName("w2").variable(init.random.truncatedNormal(
          init.constant(new long[] {16, 1}), TFloat32.class,
          org.tensorflow.op.random.TruncatedNormal.seed(seed).seed2(2L)));
      Variable<TFloat32> b2 = tf.withName("b2").variable(init.zeros(init.constant(new long[] {1}), TFloat32.class));
      List<TrainableVariable> vars = List.of(
          new TrainableVariable("hidden/kernel", "hidden", VariableRole.KERNEL, w1),
          new TrainableVariable("hidden/bias", "hidden", VariableRole.BIAS, b1),
          new TrainableVariable("output/kernel", "output", VariableRole.KERNEL, w2),
          new TrainableVariable("output/bias", "output", VariableRole.BIAS, b2));

      Operand<TFloat32> hidden = tf.nn.relu(tf.math.add(tf.linalg.matMul(tf.constant(x), w1), b1));
      Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(hidden, w2), b2);
      Operand<TFloat32> labels = tf.constant(y);
      // Stable sigmoid cross-entropy: max(z,0) - z*y + log(1 + exp(-|z|)).
      Operand<TFloat32> perExample = tf.math.add(
          tf.math.sub(tf.math.maximum(logits, tf.constant(0f)), tf.math.mul(logits, labels)),
          tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
      Operand<TFloat32> loss = tf.math.mean(perExample, tf.constant(new int[] {0, 1}));
      // Gradients gated so that no update runs while back-propagation still reads the weights.
      List<Operand<TFloat32>> grads = LossGradients.of(tf, loss, vars);
      Operand<TFloat32> accuracy = tf.math.mean(tf.dtypes.cast(tf.math.equal(
          tf.dtypes.cast(tf.math.greater(logits, tf.constant(0f)), TFloat32.class), labels), TFloat32.class),
          tf.constant(new int[] {0, 1}));

      // Adam with the paper's betas, warm-up then linear decay, wrapped by LAWN (per-layer groups).
      var adam = OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM, 0f, true) // the paper's epsilon for Adam-LAWN: 1e-6
          .build(tf, "adam", vars, new WarmupLinearDecay(0.02, steps / 10, steps));
      Lawn lawn = Lawn.over(adam).build(tf, grads);

      session.initialize();
      for (int step = 0; step < steps; step++) {
        if (step == freeSteps) {
          session.run(lawn.switchOp());
        }
        session.run(step < freeSteps ? lawn.freeStep() : lawn.constrainedStep());
      }
      var runner = session.runner().fetch(accuracy).fetch(loss);
      lawn.groupNorms().forEach(runner::fetch);
      runner.fetch(lawn.targetNorms());
      int groups = lawn.groups().size();
      try (Result result = runner.run()) {
        double[] norms = new double[groups];
        double[] targets = new double[groups];
        for (int g = 0; g < groups; g++) {
          norms[g] = ((TFloat32) result.get(2 + g)).getFloat();
          targets[g] = ((TFloat32) result.get(2 + groups)).getFloat(g);
        }
        return new Outcome(((TFloat32) result.get(0)).getFloat(), norms, targets, ((TFloat32) result.get(1)).getFloat());
      }
    }
  }

  private TwoLayerClassifier() {}
}
