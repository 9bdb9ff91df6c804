package example;

import dev.lawn.ops.VariableRole;
import dev.lawn.train.FitModel;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * This project's own model, in plain TF-Java ops (no lawn zoo): a 2-64-64-3 ReLU network. Each
 * variable is declared to fit with its layer and role, which is what LAWN's group selector reads.
 */
public final class SpiralClassifier {

  public final Ops tf;
  public final Placeholder<TFloat32> x;
  public final Operand<TFloat32> logits;
  public final Operand<TFloat32> probabilities;
  public final FitModel model;

  public SpiralClassifier(Graph graph, long seed) {
    tf = Ops.create(graph);
    x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
    Placeholder<TInt32> label = tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    FitModel.Builder b = FitModel.builder().input("x", x).label(label);
    Operand<TFloat32> h = dense(b, "hidden1", x, 2, 64, seed, 1, true);
    h = dense(b, "hidden2", h, 64, 64, seed, 2, true);
    logits = dense(b, "output", h, 64, SpiralData.CLASSES, seed, 3, false);
    probabilities = tf.withName("probabilities").nn.softmax(logits);
    model = b.logits(logits).build();
  }

  private Operand<TFloat32> dense(FitModel.Builder b, String layer, Operand<TFloat32> in, int fanIn, int fanOut,
      long seed, long seed2, boolean relu) {
    Ops init = tf.withInitScope();
    float scale = (float) Math.sqrt(2.0 / fanIn);
    Variable<TFloat32> w = tf.withName(layer + "_kernel").variable(init.math.mul(init.random.truncatedNormal(
        init.constant(new long[] {fanIn, fanOut}), TFloat32.class, TruncatedNormal.seed(seed).seed2(seed2)),
        init.constant(scale)));
    Variable<TFloat32> bias = tf.withName(layer + "_bias").variable(init.zeros(init.constant(new long[] {fanOut}),
        TFloat32.class));
    b.variable(layer + "/kernel", layer, VariableRole.KERNEL, w).variable(layer + "/bias", layer, VariableRole.BIAS, bias);
    Operand<TFloat32> out = tf.math.add(tf.linalg.matMul(in, w), bias);
    return relu ? tf.nn.relu(out) : out;
  }
}
