package dev.lawn.train;

import dev.lawn.ops.VariableRole;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A user's own graph for the fit tests: a 2-layer ReLU net (plain TF-Java ops) on two noisy rings, two classes. */
final class RingsModel {

  final Ops tf;
  final Placeholder<TFloat32> x;
  final Operand<TFloat32> logits;
  final FitModel.Builder builder;

  RingsModel(Graph graph, long seed) {
    tf = Ops.create(graph);
    Ops init = tf.withInitScope();
    x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
    Placeholder<TInt32> y = tf.withName("y").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Variable<TFloat32> w1 = tf.withName("w1").variable(init.random.truncatedNormal(init.constant(new long[] {2, 16}),
        TFloat32.class, org.tensorflow.op.random.TruncatedNormal.seed(seed).seed2(1L)));
    Variable<TFloat32> b1 = tf.withName("b1").variable(init.zeros(init.constant(new long[] {16}), TFloat32.class));
    Variable<TFloat32> w2 = tf.withName("w2").variable(init.random.truncatedNormal(init.constant(new long[] {16, 2}),
        TFloat32.class, org.tensorflow.op.random.TruncatedNormal.seed(seed).seed2(2L)));
    Variable<TFloat32> b2 = tf.withName("b2").variable(init.zeros(init.constant(new long[] {2}), TFloat32.class));
    Operand<TFloat32> hidden = tf.nn.relu(tf.math.add(tf.linalg.matMul(x, w1), b1));
    logits = tf.math.add(tf.linalg.matMul(hidden, w2), b2);
    builder = FitModel.builder().input("x", x).label(y).logits(logits)
        .variable("hidden/kernel", "hidden", VariableRole.KERNEL, w1)
        .variable("hidden/bias", "hidden", VariableRole.BIAS, b1)
        .variable("output/kernel", "output", VariableRole.KERNEL, w2)
        .variable("output/bias", "output", VariableRole.BIAS, b2);
  }

  FitModel model() {
    return builder.build();
  }

  /** {@code n} points, label 1 on the outer ring. */
  static float[][] points(int n, long seed, int[] labels) {
    Random r = new Random(seed);
    float[][] out = new float[n][2];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      double radius = (labels[i] == 1 ? 2.0 : 1.0) + 0.15 * r.nextGaussian();
      double angle = 2 * Math.PI * r.nextDouble();
      out[i][0] = (float) (radius * Math.cos(angle));
      out[i][1] = (float) (radius * Math.sin(angle));
    }
    return out;
  }

  /** Batches of {@code batch} points, shuffled by (seed, epoch). */
  static FeedBatches batches(int n, int batch, long seed) {
    int[] labels = new int[n];
    float[][] points = points(n, seed, labels);
    return new FeedBatches(batch, n, epoch -> {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      java.util.Collections.shuffle(order, new Random(seed * 1000 + epoch));
      List<Map<String, Tensor>> feeds = new ArrayList<>();
      for (int start = 0; start < n; start += batch) {
        int size = Math.min(batch, n - start);
        float[][] xs = new float[size][];
        int[] ys = new int[size];
        for (int i = 0; i < size; i++) {
          xs[i] = points[order.get(start + i)];
          ys[i] = labels[order.get(start + i)];
        }
        Map<String, Tensor> feed = new LinkedHashMap<>();
        feed.put("x", TFloat32.tensorOf(StdArrays.ndCopyOf(xs)));
        feed.put("label", TInt32.vectorOf(ys));
        feeds.add(feed);
      }
      Iterator<Map<String, Tensor>> it = feeds.iterator();
      return it;
    });
  }
}
