package dev.lawn.data.pipeline;

import dev.lawn.data.Batch;
import java.util.Iterator;

/**
 * Batches of one or more consecutive epochs. The caller owns (and must close) every batch it takes
 * with {@link #next()}; closing the iterator stops its producer and closes the batches not taken.
 */
public interface BatchIterator extends Iterator<Batch>, AutoCloseable {

  /** Total time the caller spent blocked in {@link #hasNext()}/{@link #next()} waiting for data. */
  long waitNanos();

  @Override
  void close();
}
