package dev.lawn.train.loss;

import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.Tensor;

/**
 * Test harness: builds one graph with logits/labels placeholders, evaluates a per-example op and
 * the gradient of a scalar op with respect to the logits, and copies both out as float arrays.
 */
final class LossGraph {

  /** Per-example values, scalar value and d(scalar)/d(logits), all from one session run. */
  record Evaluation(float[] perExample, float scalar, float[] gradient) {}

  private LossGraph() {}

  /** Evaluates {@code loss.perExample} and {@code loss.mean} with its gradient. */
  static Evaluation evaluate(Loss loss, float[] logits, int batch, int classes, Object labels) {
    return evaluate(
        (tf, in) -> loss.perExample(tf, in.logits, in.labels),
        (tf, in) -> loss.mean(tf, in.logits, in.labels),
        logits,
        batch,
        classes,
        labels);
  }

  /** Evaluates a per-example op only (no gradient), e.g. margins. */
  static float[] perExample(
      BiFunction<Ops, Inputs, Operand<TFloat32>> perExample,
      float[] logits,
      int batch,
      int classes,
      Object labels) {
    return evaluate(perExample, null, logits, batch, classes, labels).perExample();
  }

  /** Placeholders handed to the op builders. */
  record Inputs(Operand<TFloat32> logits, Operand<?> labels) {}

  /**
   * @param classes 0 for binary ({@code [B]} logits, {@code float[]} labels), else K ({@code [B, K]}
   *     logits, {@code int[]} labels)
   */
  static Evaluation evaluate(
      BiFunction<Ops, Inputs, Operand<TFloat32>> perExample,
      BiFunction<Ops, Inputs, Operand<TFloat32>> scalar,
      float[] logits,
      int batch,
      int classes,
      Object labels) {
    Shape logitShape = classes == 0 ? Shape.of(batch) : Shape.of(batch, classes);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(logitShape));
      Placeholder<?> y =
          classes == 0
              ? tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch)))
              : tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(batch)));
      Inputs in = new Inputs(x, y);
      Operand<TFloat32> per = perExample.apply(tf, in);
      Operand<TFloat32> sum = scalar == null ? null : scalar.apply(tf, in);
      Gradients grad = sum == null ? null : tf.gradients(sum, List.of(x));
      try (Session s = new Session(g);
          TFloat32 xt = TFloat32.tensorOf(logitShape, DataBuffers.of(logits, true, false));
          Tensor yt = labelTensor(batch, labels)) {
        Session.Runner runner = s.runner().feed(x, xt).feed(y, yt).fetch(per);
        if (sum != null) {
          runner.fetch(sum).fetch(grad.dy(0));
        }
        try (Result r = runner.run()) {
          float[] perValues = copy((TFloat32) r.get(0), batch);
          if (sum == null) {
            return new Evaluation(perValues, Float.NaN, null);
          }
          float scalarValue = ((TFloat32) r.get(1)).getFloat();
          float[] gradValues = copy((TFloat32) r.get(2), logits.length);
          return new Evaluation(perValues, scalarValue, gradValues);
        }
      }
    }
  }

  private static Tensor labelTensor(int batch, Object labels) {
    if (labels instanceof float[] f) {
      return TFloat32.tensorOf(Shape.of(batch), DataBuffers.of(f, true, false));
    }
    return TInt32.tensorOf(Shape.of(batch), DataBuffers.of((int[]) labels, true, false));
  }

  private static float[] copy(TFloat32 t, int n) {
    float[] out = new float[n];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
