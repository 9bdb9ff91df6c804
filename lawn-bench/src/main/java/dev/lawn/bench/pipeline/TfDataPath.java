package dev.lawn.bench.pipeline;

import dev.lawn.data.pipeline.Column;
import dev.lawn.data.pipeline.ColumnSet;
import dev.lawn.data.pipeline.FloatColumn;
import dev.lawn.data.pipeline.IntColumn;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.data.IteratorGetNext;
import org.tensorflow.op.data.MakeIterator;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * The alternative the Java pipeline was measured against: TensorFlow's own dataset ops
 * (TensorSliceDataset, ShuffleDatasetV3 with a full buffer seeded per epoch, BatchDataset,
 * PrefetchDataset) feeding the same sum-reduction consumer as {@link GraphConsumer}. The epoch's
 * arrays are fed once per epoch through placeholders (the NCF negatives are sampled in Java either
 * way).
 */
final class TfDataPath implements AutoCloseable {

  private final Graph graph = new Graph();
  private final Session session;
  private final List<Placeholder<?>> inputs = new ArrayList<>();
  private final Placeholder<TInt64> seed;
  private final boolean hasSeed;
  private final MakeIterator init;
  private final Operand<TFloat32> total;

  /** @param shuffle shuffle each epoch with a buffer holding the whole epoch (as the Java pipeline does) */
  TfDataPath(ColumnSet layout, boolean shuffle, int batchSize, boolean dropRemainder, int prefetch) {
    Ops tf = Ops.create(graph);
    List<Class<? extends TType>> types = new ArrayList<>();
    List<Shape> elementShapes = new ArrayList<>();
    List<Shape> batchShapes = new ArrayList<>();
    List<Operand<?>> components = new ArrayList<>();
    for (Column c : layout.columns()) {
      Class<? extends TType> type = c instanceof IntColumn ? TInt32.class : TFloat32.class;
      Placeholder<?> p = tf.placeholder(type, Placeholder.shape(GraphConsumer.batched(c)));
      inputs.add(p);
      components.add(p);
      types.add(type);
      elementShapes.add(Shape.of(c.elementShape()));
      batchShapes.add(GraphConsumer.batched(c));
    }
    seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    hasSeed = shuffle;
    Operand<? extends TType> ds = tf.data.tensorSliceDataset(components, elementShapes);
    if (shuffle) {
      Operand<TInt64> buffer = tf.constant((long) layout.rows());
      var generator = tf.random.anonymousSeedGenerator(seed, tf.constant(0L), tf.constant(false));
      ds = tf.data.shuffleDataset(ds, buffer, seed, tf.constant(0L), generator.handle(), types, elementShapes);
    }
    Operand<TBool> drop = tf.constant(dropRemainder);
    ds = tf.data.batchDataset(ds, tf.constant((long) batchSize), drop, types, batchShapes);
    ds = tf.data.prefetchDataset(ds, tf.constant((long) prefetch), types, batchShapes);
    var iterator = tf.data.iterator("", "", types, batchShapes);
    init = tf.data.makeIterator(ds, iterator);
    IteratorGetNext next = tf.data.iteratorGetNext(iterator, types, batchShapes);
    Operand<TFloat32> sum = tf.constant(0f);
    for (int i = 0; i < next.components().size(); i++) {
      @SuppressWarnings("unchecked")
      Operand<? extends TNumber> x = (Operand<? extends TNumber>) next.components().get(i);
      int rank = layout.columns().get(i).elementShape().length + 1;
      int[] axes = new int[rank];
      for (int a = 0; a < rank; a++) {
        axes[a] = a;
      }
      sum = tf.math.add(sum, tf.dtypes.cast(tf.sum(x, tf.constant(axes)), TFloat32.class));
    }
    total = sum;
    session = new Session(graph);
  }

  /** Runs one epoch; returns the number of steps. */
  int runEpoch(ColumnSet columns, long epochSeed) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < inputs.size(); i++) {
        Column c = columns.columns().get(i);
        Tensor t = c instanceof IntColumn ic
            ? TInt32.tensorOf(fullShape(c),
                x -> x.asRawTensor().data().asInts().write(ic.data()))
            : TFloat32.tensorOf(fullShape(c),
                x -> x.asRawTensor().data().asFloats().write(((FloatColumn) c).data()));
        fed.add(t);
        runner.feed(inputs.get(i), t);
      }
      TInt64 s = TInt64.scalarOf(epochSeed);
      fed.add(s);
      if (hasSeed) {
        runner.feed(seed, s);
      }
      runner.addTarget(init).run().close();
    } finally {
      fed.forEach(Tensor::close);
    }
    int steps = 0;
    while (true) {
      try (Result r = session.runner().fetch(total).run()) {
        steps++;
      } catch (TFOutOfRangeException end) {
        return steps;
      }
    }
  }

  private static Shape fullShape(Column c) {
    long[] e = c.elementShape();
    long[] dims = new long[e.length + 1];
    dims[0] = c.rows();
    System.arraycopy(e, 0, dims, 1, e.length);
    return Shape.of(dims);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
