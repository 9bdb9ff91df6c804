package dev.lawn.data.pipeline;

import dev.lawn.data.Batch;
import dev.lawn.data.Seeds;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Builds the batches of a range of epochs one after the other, in the calling thread: asks the
 * source for the epoch's rows, permutes them, gathers each batch into scratch arrays, applies the
 * transforms and copies the result into tensors.
 */
final class BatchProducer {

  private final Pipeline pipeline;
  private final int endEpoch;
  private HostBatch scratch;
  private int epoch;
  private int batchInEpoch;
  private ColumnSet columns;
  private int[] order;
  /** The rows of the batch being gathered, for {@link DecodedColumn}s (allocated when there is one). */
  private int[] batchRows;

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
    if (scratch == null) {
      scratch = new HostBatch(columns.columns(), pipeline.batchSize());
    }
  }

  private void gather(int start, int size) {
    for (Column c : columns.columns()) {
      if (c instanceof DecodedColumn decoded) {
        decoded.decode(batchRows(start, size), size, scratch.floats(c.name()));
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

  /** The row numbers of the batch {@code [start, start + size)} of this epoch's order. */
  private int[] batchRows(int start, int size) {
    if (batchRows == null) {
      batchRows = new int[pipeline.batchSize()];
    }
    for (int i = 0; i < size; i++) {
      batchRows[i] = order == null ? start + i : order[start + i];
    }
    return batchRows;
  }
}
