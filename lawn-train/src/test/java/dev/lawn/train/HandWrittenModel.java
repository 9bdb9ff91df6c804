package dev.lawn.train;

import dev.lawn.models.Model;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A user's own network written against {@link Model} with plain TF-Java ops (no zoo, no layer builders):
 * 8x8x1 images, a ReLU hidden layer of 16, 4 classes. Being a {@code Model} built by a function of
 * {@link Ops}, it is what {@link Fit.Builder#replicate} needs from a graph of one's own.
 */
final class HandWrittenModel implements Model {

  private final Placeholder<TFloat32> image;
  private final Operand<TBool> training;
  private final Operand<TFloat32> logits;
  private final List<TrainableVariable> variables;

  HandWrittenModel(Ops tf) {
    Ops init = tf.withInitScope();
    image = tf.withName("image").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 1)));
    training = tf.withName("training").placeholderWithDefault(tf.constant(false), Shape.scalar());
    Variable<TFloat32> w1 = tf.withSubScope("hidden").withName("kernel").variable(small(init, 64, 16, 1L));
    Variable<TFloat32> b1 = tf.withSubScope("hidden").withName("bias").variable(init.zeros(init.constant(new long[] {16}), TFloat32.class));
    Variable<TFloat32> w2 = tf.withSubScope("output").withName("kernel").variable(small(init, 16, 4, 2L));
    Variable<TFloat32> b2 = tf.withSubScope("output").withName("bias").variable(init.zeros(init.constant(new long[] {4}), TFloat32.class));
    Operand<TFloat32> flat = tf.reshape(image, tf.constant(new long[] {-1, 64}));
    Operand<TFloat32> hidden = tf.nn.relu(tf.math.add(tf.linalg.matMul(flat, w1), b1));
    logits = tf.math.add(tf.linalg.matMul(hidden, w2), b2);
    variables = List.of(new TrainableVariable("hidden/kernel", "hidden", VariableRole.KERNEL, w1),
        new TrainableVariable("hidden/bias", "hidden", VariableRole.BIAS, b1),
        new TrainableVariable("output/kernel", "output", VariableRole.KERNEL, w2),
        new TrainableVariable("output/bias", "output", VariableRole.BIAS, b2));
  }

  /** A truncated normal of standard deviation 0.1: Glorot-like for these fan-ins. */
  private static Operand<TFloat32> small(Ops init, long rows, long cols, long stream) {
    return init.math.mul(init.random.truncatedNormal(init.constant(new long[] {rows, cols}), TFloat32.class,
        TruncatedNormal.seed(5L).seed2(stream)), init.constant(0.1f));
  }

  @Override
  public String name() {
    return "hand-written";
  }

  @Override
  public Map<String, Operand<?>> inputs() {
    return Map.of("image", image);
  }

  @Override
  public Operand<TFloat32> logits() {
    return logits;
  }

  @Override
  public Operand<TBool> training() {
    return training;
  }

  @Override
  public List<TrainableVariable> trainableVariables() {
    return variables;
  }

  @Override
  public List<Op> updateOps() {
    return List.of();
  }

  @Override
  public String summary() {
    return "hand-written: 64 -> 16 -> 4";
  }

  @Override
  public long parameterCount() {
    return 64 * 16 + 16 + 16 * 4 + 4;
  }
}
