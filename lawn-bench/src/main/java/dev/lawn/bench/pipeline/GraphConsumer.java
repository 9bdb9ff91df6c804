package dev.lawn.bench.pipeline;

import dev.lawn.data.Batch;
import dev.lawn.data.pipeline.Column;
import dev.lawn.data.pipeline.ColumnSet;
import dev.lawn.data.pipeline.IntColumn;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Stands in for a training step: feeds a batch's tensors into a graph that reduces each of them to
 * a sum, so that the cost of handing tensors to TensorFlow is measured, not only of building them.
 */
final class GraphConsumer implements AutoCloseable {

  private final Graph graph = new Graph();
  private final Session session;
  private final List<String> names = new ArrayList<>();
  private final List<Placeholder<?>> inputs = new ArrayList<>();
  private final Operand<TFloat32> total;

  GraphConsumer(ColumnSet layout) {
    Ops tf = Ops.create(graph);
    Operand<TFloat32> sum = tf.constant(0f);
    for (Column c : layout.columns()) {
      Placeholder<? extends TNumber> p = c instanceof IntColumn
          ? tf.placeholder(TInt32.class, Placeholder.shape(batched(c)))
          : tf.placeholder(TFloat32.class, Placeholder.shape(batched(c)));
      names.add(c.name());
      inputs.add(p);
      sum = tf.math.add(sum, tf.dtypes.cast(tf.sum(p, tf.constant(axes(c))), TFloat32.class));
    }
    total = sum;
    session = new Session(graph);
  }

  static Shape batched(Column c) {
    long[] e = c.elementShape();
    long[] dims = new long[e.length + 1];
    dims[0] = -1;
    System.arraycopy(e, 0, dims, 1, e.length);
    return Shape.of(dims);
  }

  static int[] axes(Column c) {
    int[] axes = new int[c.elementShape().length + 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return axes;
  }

  /** Feeds the batch and runs the reduction; returns the sum (so the work cannot be skipped). */
  float consume(Batch batch) {
    Session.Runner runner = session.runner();
    for (int i = 0; i < names.size(); i++) {
      runner.feed(inputs.get(i), batch.tensors().get(names.get(i)));
    }
    try (Result r = runner.fetch(total).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
