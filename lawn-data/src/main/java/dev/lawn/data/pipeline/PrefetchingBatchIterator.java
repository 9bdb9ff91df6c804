package dev.lawn.data.pipeline;

import dev.lawn.data.Batch;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link BatchProducer} in a background thread that keeps up to {@code depth} finished batches
 * (tensors included) in a bounded queue: tf.data's {@code prefetch}. An error in the producer is
 * rethrown to the consumer at the batch where it happened.
 */
final class PrefetchingBatchIterator implements BatchIterator {

  private static final Object END = new Object();
  private static final long POLL_MILLIS = 50;

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile boolean closed;
  private Object head;
  private long waitNanos;

  PrefetchingBatchIterator(BatchProducer producer, int depth) {
    this.queue = new ArrayBlockingQueue<>(depth);
    this.thread = new Thread(() -> produce(producer), "lawn-data-prefetch");
    thread.setDaemon(true);
    thread.start();
  }

  private void produce(BatchProducer producer) {
    try {
      while (!closed && producer.hasNext()) {
        Batch batch = producer.next();
        if (!offer(batch)) {
          batch.close();
          return;
        }
      }
      offer(END);
    } catch (Throwable t) {
      offer(t);
    }
  }

  // Polls instead of relying on interrupts: an interrupt would close NIO channels a source may be reading.
  private boolean offer(Object item) {
    try {
      while (!closed) {
        if (queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (head == null) {
      long t0 = System.nanoTime();
      try {
        head = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a batch", e);
      } finally {
        waitNanos += System.nanoTime() - t0;
      }
    }
    if (head instanceof Throwable t) {
      head = END;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("batch producer failed", t);
    }
    return head != END;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Batch b = (Batch) head;
    head = null;
    return b;
  }

  @Override
  public long waitNanos() {
    return waitNanos;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (head instanceof Batch b) {
      b.close();
    }
    head = null;
    for (Object o; (o = queue.poll()) != null; ) {
      if (o instanceof Batch b) {
        b.close();
      }
    }
  }
}
