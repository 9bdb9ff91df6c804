package dev.lawn.data.pipeline;

import dev.lawn.data.Batch;
import dev.lawn.data.Seeds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the batches of a range of epochs one after the other, in the calling thread: asks the
 * source for the epoch's rows, permutes them, gathers each batch into scratch arrays, applies the
 * transforms and copies the result into tensors.
 *
 * <p>A {@link DecodedColumn} (an image folder read from its files) is decoded one batch ahead: while
 * this thread transforms and copies batch {@code k}, a helper thread decodes batch {@code k + 1} of
 * the same epoch into a second array, so that decoding and augmenting overlap instead of adding up.
 * A decoding error still surfaces at the batch that holds the bad row.
 */
final class BatchProducer {

  private final Pipeline pipeline;
  private final int endEpoch;
  private HostBatch scratch;
  private int epoch;
  private int batchInEpoch;
  private ColumnSet columns;
  private int[] order;
  /** This epoch's {@link DecodedColumn}s (found once per epoch). */
  private List<DecodedColumn> decoded;
  /** The batch being decoded ahead, or null. */
  private Ahead ahead;
  /** Per decoded column, the array the next batch is decoded into (the scratch array it will replace). */
  private final Map<String, float[]> spare = new HashMap<>();

  /** Threads that decode the next batch; idle ones end after a minute, and none keeps the JVM alive. */
  private static final AtomicInteger AHEAD_THREADS = new AtomicInteger();
  private static final ExecutorService DECODE_AHEAD = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lawn-data-decode-ahead-" + AHEAD_THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  /** Batch {@code batch} of epoch {@code epoch}, decoded into {@code arrays} by {@code done}. */
  private record Ahead(int epoch, int batch, Map<String, float[]> arrays, Future<?> done) {}

  BatchProducer(Pipeline pipeline, int firstEpoch, int count) {
    this.pipeline = pipeline;
    this.epoch = firstEpoch;
    this.endEpoch = Math.addExact(firstEpoch, count);
  }

  boolean hasNext() {
    return epoch < endEpoch && pipeline.batchesPerEpoch() > 0;
  }

  Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (columns == null) {
      startEpoch();
    }
    int rows = columns.rows();
    int start = batchInEpoch * pipeline.batchSize();
    int size = Math.min(pipeline.batchSize(), rows - start);
    scratch.reset(size, epoch, batchInEpoch);
    gather(start, size);
    SplittableRandom random = new SplittableRandom(Seeds.derive(pipeline.seed(), 0x4D4150L, epoch, batchInEpoch));
    for (BatchTransform t : pipeline.transforms()) {
      t.apply(scratch, random);
    }
    Batch batch = new Batch(TensorCopy.toTensors(scratch), size, epoch, batchInEpoch);
    if (++batchInEpoch == pipeline.batchesPerEpoch()) {
      epoch++;
      batchInEpoch = 0;
      columns = null;
      order = null;
    }
    return batch;
  }

  private void startEpoch() {
    columns = pipeline.source().columns(epoch);
    if (columns.rows() != pipeline.rowsPerEpoch()) {
      throw new IllegalStateException("epoch " + epoch + " has " + columns.rows() + " rows, the source promised "
          + pipeline.rowsPerEpoch());
    }
    order = pipeline.shuffled() ? Shuffle.permutation(columns.rows(), pipeline.seed(), epoch) : null;
    decoded = columns.columns().stream().filter(DecodedColumn.class::isInstance).map(DecodedColumn.class::cast)
        .toList();
    if (scratch == null) {
      scratch = new HostBatch(columns.columns(), pipeline.batchSize());
    }
  }

  private void gather(int start, int size) {
    gatherDecoded(start, size);
    for (Column c : columns.columns()) {
      if (c instanceof DecodedColumn) {
        continue;
      }
      int e = c.elementSize();
      Object dst = scratch.array(c.name());
      Object src = c instanceof IntColumn ic ? ic.data() : ((FloatColumn) c).data(); // DecodedColumn: above
      if (order == null) {
        System.arraycopy(src, start * e, dst, 0, size * e);
      } else if (e == 1 && src instanceof int[] s) {
        int[] d = (int[]) dst;
        for (int i = 0; i < size; i++) {
          d[i] = s[order[start + i]];
        }
      } else if (e == 1) {
        float[] s = (float[]) src;
        float[] d = (float[]) dst;
        for (int i = 0; i < size; i++) {
          d[i] = s[order[start + i]];
        }
      } else {
        for (int i = 0; i < size; i++) {
          System.arraycopy(src, order[start + i] * e, dst, i * e, e);
        }
      }
    }
  }

  /**
   * Puts this batch's decoded columns into the scratch arrays (decoded ahead, or now when they were
   * not), then starts decoding the next batch of the epoch into the arrays they replace.
   */
  private void gatherDecoded(int start, int size) {
    if (decoded.isEmpty()) {
      return;
    }
    if (ahead != null && ahead.epoch() == epoch && ahead.batch() == batchInEpoch) {
      await(ahead.done());
      ahead.arrays().forEach((name, array) -> spare.put(name, (float[]) scratch.swap(name, array)));
    } else { // the first batch of an epoch (batches are gathered in order, so a batch decoded ahead is always the next)
      int[] rows = batchRows(start, size, new int[size]);
      long seed = DecodedColumn.batchSeed(pipeline.seed(), epoch, batchInEpoch);
      for (DecodedColumn c : decoded) {
        c.decode(rows, size, scratch.floats(c.name()), seed);
      }
    }
    ahead = null;
    int nextStart = start + size;
    if (batchInEpoch + 1 < pipeline.batchesPerEpoch()) {
      int nextSize = Math.min(pipeline.batchSize(), columns.rows() - nextStart);
      int[] rows = batchRows(nextStart, nextSize, new int[nextSize]);
      Map<String, float[]> arrays = new HashMap<>();
      for (DecodedColumn c : decoded) {
        float[] into = spare.remove(c.name());
        arrays.put(c.name(), into != null ? into : new float[scratch.floats(c.name()).length]);
      }
      long seed = DecodedColumn.batchSeed(pipeline.seed(), epoch, batchInEpoch + 1);
      ahead = new Ahead(epoch, batchInEpoch + 1, arrays, DECODE_AHEAD.submit(() -> {
        for (DecodedColumn c : decoded) {
          c.decode(rows, nextSize, arrays.get(c.name()), seed);
        }
      }));
    }
  }

  /** Waits for a decoding started ahead; its failure is this batch's. */
  private static void await(Future<?> done) {
    try {
      done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("decoding a batch failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding a batch", e);
    }
  }

  /** The row numbers of the batch {@code [start, start + size)} of this epoch's order, in {@code out}. */
  private int[] batchRows(int start, int size, int[] out) {
    for (int i = 0; i < size; i++) {
      out[i] = order == null ? start + i : order[start + i];
    }
    return out;
  }
}
