package dev.lawn.data.image;

import dev.lawn.data.Seeds;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes batches of JPEG files on a few threads, each with a {@link JpegDecoder} of its own (a
 * decoder is a TensorFlow graph and session, not thread-safe): what an image folder read from its
 * files every epoch ({@link ImageStore#FILES}) needs to keep up with training.
 *
 * <p>{@link #close()} closes the decoders' sessions and stops the threads; a pool no longer reachable
 * is closed by a {@link Cleaner} as a safety net, but native sessions are the classic TF-Java leak,
 * so close it (an {@link ImageDataset} read from files closes its pool in {@link ImageDataset#close()}).
 */
final class JpegDecoderPool implements AutoCloseable {

  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ImageSize size;
  private final int channels;
  private final int threads;
  private final Resources resources;
  private final Cleaner.Cleanable cleanable;

  /** The sessions and threads, apart from the pool so that the cleaner does not keep the pool alive. */
  private static final class Resources implements Runnable {
    final BlockingQueue<JpegDecoder> idle;
    final List<JpegDecoder> all = new ArrayList<>();
    final ExecutorService executor;
    volatile boolean closed;

    Resources(ImageSize size, int channels, int threads) {
      idle = new ArrayBlockingQueue<>(threads);
      try {
        for (int i = 0; i < threads; i++) {
          JpegDecoder d = new JpegDecoder(size.height(), size.width(), channels);
          all.add(d);
          idle.add(d);
        }
      } catch (RuntimeException e) {
        all.forEach(JpegDecoder::close);
        throw e;
      }
      int pool = POOLS.incrementAndGet();
      AtomicInteger thread = new AtomicInteger();
      executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "lawn-jpeg-" + pool + "-" + thread.incrementAndGet());
        t.setDaemon(true); // never keeps a JVM alive
        return t;
      });
    }

    @Override
    public synchronized void run() {
      if (closed) {
        return;
      }
      closed = true;
      if (executor != null) {
        executor.shutdown(); // shares already running finish their images
      }
      // A decoder still decoding is closed when it comes back, never under a running session: closing
      // a session in use is a native crash. One that does not come back within a minute is left open.
      for (int i = 0; i < all.size(); i++) {
        try {
          JpegDecoder d = idle.poll(60, TimeUnit.SECONDS);
          if (d == null) {
            return;
          }
          d.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * @param size every image's decoded size (JPEGs of other sizes are resized bilinearly)
   * @param channels 1 (grey) or 3 (RGB)
   * @param threads decoders working at once, at least 1
   */
  JpegDecoderPool(ImageSize size, int channels, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("decoding threads must be >= 1, got " + threads);
    }
    this.size = size;
    this.channels = channels;
    this.threads = threads;
    this.resources = new Resources(size, channels, threads);
    this.cleanable = CLEANER.register(this, resources);
  }

  /** The decoded size. */
  ImageSize size() {
    return size;
  }

  int channels() {
    return channels;
  }

  int threads() {
    return threads;
  }

  /** Floats per decoded image. */
  int imageSize() {
    return size.height() * size.width() * channels;
  }

  /**
   * Decodes {@code files[rows[i]]} into {@code out[i * imageSize(), ...)} for {@code i < count}, the
   * rows split into one contiguous share per thread.
   *
   * @throws dev.lawn.data.DataFormatException naming the first file (in batch order) that is not a
   *     decodable JPEG
   * @throws java.io.UncheckedIOException for a file that cannot be read
   * @throws IllegalStateException after {@link #close()}
   */
  void decode(List<Path> files, int[] rows, int count, float[] out) {
    decodeEach(files, rows, count, (decoder, jpeg, file, i, offset) -> decoder.decode(jpeg, file, out, offset));
  }

  /**
   * Decodes a random box of each file, drawn by {@code crop} on the file's own size, resized to
   * {@link #size()}: {@link #decode}'s layout, each image's box drawn from a generator of its own
   * ({@code seed} and the image's place in the batch), so that the batch depends on the seed alone,
   * not on the threads.
   *
   * @throws dev.lawn.data.DataFormatException naming the first file (in batch order) that is not a
   *     decodable JPEG
   */
  void decodeCropped(List<Path> files, int[] rows, int count, float[] out, long seed, RandomResizedCrop crop) {
    decodeEach(files, rows, count, (decoder, jpeg, file, i, offset) -> decoder.decodeCrop(jpeg, file,
        own -> crop.draw(own.height(), own.width(), new SplittableRandom(Seeds.derive(seed, i))), out, offset));
  }

  /** What is done with image {@code i} of a batch, read from {@code file}, to be written at {@code out[offset...]}. */
  @FunctionalInterface
  private interface ImageJob {
    void run(JpegDecoder decoder, byte[] jpeg, Path file, int i, int offset);
  }

  private void decodeEach(List<Path> files, int[] rows, int count, ImageJob job) {
    if (resources.closed) {
      throw closed();
    }
    int shares = Math.min(threads, count);
    if (shares <= 1) {
      decodeShare(files, rows, 0, count, job);
      return;
    }
    List<Future<?>> running = new ArrayList<>(shares);
    for (int s = 0; s < shares; s++) {
      int from = (int) ((long) count * s / shares);
      int to = (int) ((long) count * (s + 1) / shares);
      try {
        running.add(resources.executor.submit(() -> decodeShare(files, rows, from, to, job)));
      } catch (RejectedExecutionException e) { // closed meanwhile; the shares submitted still run out
        running.forEach(this::awaitQuietly);
        throw closed();
      }
    }
    RuntimeException first = null;
    for (Future<?> f : running) { // every share is waited for, so none writes to out after we return
      try {
        f.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException r ? r
              : new IllegalStateException("JPEG decoding failed: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.forEach(r -> r.cancel(true));
        throw new IllegalStateException("interrupted while decoding a batch of JPEGs", e);
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void decodeShare(List<Path> files, int[] rows, int from, int to, ImageJob job) {
    JpegDecoder decoder = null;
    try {
      while (decoder == null) { // one per running share: at most `threads` shares run at once
        if (resources.closed) {
          throw closed();
        }
        decoder = resources.idle.poll(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a JPEG decoder", e);
    }
    try {
      if (resources.closed) {
        throw closed(); // close() is taking the decoders back: this one is closed once returned
      }
      int n = imageSize();
      for (int i = from; i < to; i++) {
        Path file = files.get(rows[i]);
        job.run(decoder, ImageFolderReader.bytes(file), file, i, i * n);
      }
    } finally {
      resources.idle.add(decoder);
    }
  }

  private static IllegalStateException closed() {
    return new IllegalStateException("the JPEG decoders of this image data set are closed");
  }

  private void awaitQuietly(Future<?> share) {
    try {
      share.get();
    } catch (ExecutionException e) {
      // the caller reports the pool closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    cleanable.clean();
  }
}
