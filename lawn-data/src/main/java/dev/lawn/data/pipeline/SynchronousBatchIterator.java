package dev.lawn.data.pipeline;

import dev.lawn.data.Batch;

/** Builds each batch in the caller's thread when asked: the pipeline without {@code prefetch}. */
final class SynchronousBatchIterator implements BatchIterator {

  private final BatchProducer producer;
  private long waitNanos;
  private boolean closed;

  SynchronousBatchIterator(BatchProducer producer) {
    this.producer = producer;
  }

  @Override
  public boolean hasNext() {
    return !closed && producer.hasNext();
  }

  @Override
  public Batch next() {
    if (closed) {
      throw new IllegalStateException("iterator is closed");
    }
    long t0 = System.nanoTime();
    try {
      return producer.next();
    } finally {
      waitNanos += System.nanoTime() - t0;
    }
  }

  @Override
  public long waitNanos() {
    return waitNanos;
  }

  @Override
  public void close() {
    closed = true;
  }
}
