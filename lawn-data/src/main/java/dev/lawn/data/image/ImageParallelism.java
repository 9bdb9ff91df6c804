package dev.lawn.data.image;

import dev.lawn.data.HostThreads;
import java.util.function.IntConsumer;

/**
 * Runs a per-image transform over a batch, on the {@link HostThreads} it is given when the batch is
 * large enough to pay for it. The augmentations draw every random choice of the batch first, in image order, from
 * the batch's one generator, and only then transform the images in parallel: the result is the
 * sequential one, bit for bit, however many threads run.
 */
final class ImageParallelism {

  /** Below this many floats in a batch the images are done in the calling thread. */
  static final int MIN_PARALLEL_FLOATS = 1 << 16;

  private ImageParallelism() {}

  /** Makes image {@code i} of a batch into {@code out}, or leaves it as it is. */
  @FunctionalInterface
  interface ImageJob {
    /**
     * @param base the image's first float in the batch's array
     * @param out this thread's scratch image, to write the new image into
     * @return whether {@code out} holds the new image (false: the image stays as it is)
     */
    boolean make(int i, int base, float[] out);
  }

  /** Each thread's scratch image (reused from image to image and batch to batch). */
  private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

  /**
   * Replaces each of the {@code images} images of {@code x} ({@code size} floats each) by what
   * {@code job} makes of it, then normalizes it ({@code normalization} null: not), on {@code threads}
   * when the batch is large enough.
   */
  static void transformEach(float[] x, int images, int size, ChannelNormalization normalization, HostThreads threads,
      ImageJob job) {
    IntConsumer each = i -> {
      int base = i * size;
      float[] out = scratch(size);
      if (job.make(i, base, out)) {
        System.arraycopy(out, 0, x, base, size);
      }
      if (normalization != null) {
        normalization.applyTo(x, base, base + size);
      }
    };
    if ((long) images * size < MIN_PARALLEL_FLOATS) {
      for (int i = 0; i < images; i++) {
        each.accept(i);
      }
    } else {
      threads.forEach(images, each);
    }
  }

  private static float[] scratch(int size) {
    float[] a = SCRATCH.get();
    if (a == null || a.length < size) {
      a = new float[size];
      SCRATCH.set(a);
    }
    return a;
  }
}
