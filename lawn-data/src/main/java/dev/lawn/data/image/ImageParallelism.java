package dev.lawn.data.image;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a per-image job over a batch on the common fork-join pool when the batch is large enough to
 * pay for it. The augmentations draw every random choice of the batch first, in image order, from
 * the batch's one generator, and only then transform the images in parallel: the result is the
 * sequential one, bit for bit, however many threads run.
 */
final class ImageParallelism {

  /** Below this many floats in a batch the images are done in the calling thread. */
  static final int MIN_PARALLEL_FLOATS = 1 << 16;

  private ImageParallelism() {}

  /** Calls {@code job} with every image index in {@code [0, images)}, in parallel for a large batch. */
  static void forEachImage(int images, int floatsPerImage, IntConsumer job) {
    if ((long) images * floatsPerImage < MIN_PARALLEL_FLOATS || images < 2) {
      for (int i = 0; i < images; i++) {
        job.accept(i);
      }
    } else {
      IntStream.range(0, images).parallel().forEach(job);
    }
  }

  /** A scratch array of at least {@code size} floats for this thread (reused from image to image). */
  static float[] scratch(ThreadLocal<float[]> holder, int size) {
    float[] a = holder.get();
    if (a == null || a.length < size) {
      a = new float[size];
      holder.set(a);
    }
    return a;
  }
}
