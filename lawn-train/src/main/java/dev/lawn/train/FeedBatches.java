package dev.lawn.train;

import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import org.tensorflow.Tensor;

/**
 * A user's own batches as a {@link BatchStream}: for each epoch, an iterator of feeds (tensors by
 * feature name, the label under {@value Features#LABEL}). The feeds of epoch {@code e} must depend only
 * on {@code e} (and a seed) for a resumed run to see the batches it would have seen. {@link Fit} takes
 * ownership of every tensor it receives and closes it after the step.
 */
public final class FeedBatches implements BatchStream {

  private final int batchSize;
  private final int rowsPerEpoch;
  final IntFunction<Iterator<Map<String, Tensor>>> epochs;

  /**
   * @param batchSize examples per batch (one optimizer step); the last batch of an epoch may be smaller
   * @param rowsPerEpoch examples per epoch
   * @param epochs the feeds of epoch {@code e}, in order
   */
  public FeedBatches(int batchSize, int rowsPerEpoch, IntFunction<Iterator<Map<String, Tensor>>> epochs) {
    if (batchSize < 1 || rowsPerEpoch < 1) {
      throw new IllegalArgumentException("FeedBatches: batch size and rows per epoch must be >= 1, got "
          + batchSize + " and " + rowsPerEpoch);
    }
    this.batchSize = batchSize;
    this.rowsPerEpoch = rowsPerEpoch;
    this.epochs = epochs;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public boolean dropRemainder() {
    return false;
  }

  @Override
  public int rowsPerEpoch() {
    return rowsPerEpoch;
  }

  @Override
  public BatchIterator epochs(int first, int count) {
    return new BatchIterator() {
      int epoch = first;
      int index;
      Iterator<Map<String, Tensor>> current = count > 0 ? epochs.apply(first) : null;

      @Override
      public boolean hasNext() {
        while (current != null && !current.hasNext()) {
          epoch++;
          index = 0;
          current = epoch < first + count ? epochs.apply(epoch) : null;
        }
        return current != null;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no batch after epoch " + (first + count - 1));
        }
        Map<String, Tensor> feed = current.next();
        Tensor label = feed.get(Features.LABEL);
        if (label == null) {
          feed.values().forEach(Tensor::close);
          throw new IllegalArgumentException("feed " + index + " of epoch " + epoch + " has no '" + Features.LABEL
              + "' tensor; it has " + feed.keySet());
        }
        return new Batch(feed, (int) label.shape().get(0), epoch, index++);
      }

      @Override
      public long waitNanos() {
        return 0;
      }

      /** Closes the tensors of the current epoch's feeds not taken (eager iterators made them already). */
      @Override
      public void close() {
        while (current != null && current.hasNext()) {
          current.next().values().forEach(Tensor::close);
        }
        current = null;
      }
    };
  }
}
