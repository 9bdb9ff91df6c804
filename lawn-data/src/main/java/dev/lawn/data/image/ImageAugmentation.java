package dev.lawn.data.image;

import dev.lawn.data.Features;
import dev.lawn.data.HostThreads;
import dev.lawn.data.pipeline.BatchTransform;
import dev.lawn.data.pipeline.HostBatch;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The standard training augmentation of CIFAR-style classifiers, per image: zero-pad by
 * {@code padding} pixels and crop a random window of the original size, flip horizontally with
 * probability 1/2, then normalize per channel. Random choices come from the pipeline's generator
 * for the batch, so an epoch's augmentations are reproducible.
 *
 * @param padding pixels of zero padding on each side before the random crop (0: no crop)
 * @param horizontalFlip whether to flip half of the images left-right
 * @param normalization applied last
 * @param threads the threads a batch's images are transformed on (the result does not depend on it)
 */
public record ImageAugmentation(int padding, boolean horizontalFlip, ChannelNormalization normalization,
    HostThreads threads) implements BatchTransform {

  /** CIFAR's usual padding. */
  public static final int CIFAR_PADDING = 4;

  public ImageAugmentation {
    if (padding < 0) {
      throw new IllegalArgumentException("padding must be >= 0, got " + padding);
    }
    Objects.requireNonNull(normalization, "normalization");
    Objects.requireNonNull(threads, "threads");
  }

  /** The augmentation on every core ({@link HostThreads#ALL_CORES}). */
  public ImageAugmentation(int padding, boolean horizontalFlip, ChannelNormalization normalization) {
    this(padding, horizontalFlip, normalization, HostThreads.ALL_CORES);
  }

  /** The same augmentation on {@code threads}. */
  public ImageAugmentation withThreads(HostThreads threads) {
    return new ImageAugmentation(padding, horizontalFlip, normalization, threads);
  }

  @Override
  public void apply(HostBatch batch, SplittableRandom random) {
    BatchImageShape shape = BatchImageShape.of(batch, normalization);
    float[] x = batch.floats(Features.IMAGE);
    int n = batch.size();
    // Every draw first, in image order, so that the images may then be done in any order.
    int[] dy = new int[n];
    int[] dx = new int[n];
    boolean[] flip = new boolean[n];
    for (int i = 0; i < n; i++) {
      dy[i] = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
      dx[i] = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
      flip[i] = horizontalFlip && random.nextBoolean();
    }
    ImageParallelism.transformEach(x, n, shape.size(), normalization, threads, (i, base, out) -> {
      if (dy[i] == 0 && dx[i] == 0 && !flip[i]) {
        return false;
      }
      shift(x, base, shape, dy[i], dx[i], flip[i], out);
      return true;
    });
  }

  /** The image at {@code x[base...]} moved by (dy, dx) over zeros, mirrored first when {@code flip}, into {@code out}. */
  private static void shift(float[] x, int base, BatchImageShape shape, int dy, int dx, boolean flip, float[] out) {
    int h = shape.height();
    int w = shape.width();
    int c = shape.channels();
    for (int y = 0; y < h; y++) {
      int sy = y + dy;
      for (int xo = 0; xo < w; xo++) {
        int sx = (flip ? w - 1 - xo : xo) + dx;
        int o = (y * w + xo) * c;
        if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
          for (int k = 0; k < c; k++) {
            out[o + k] = 0f;
          }
        } else {
          System.arraycopy(x, base + (sy * w + sx) * c, out, o, c);
        }
      }
    }
  }
}
