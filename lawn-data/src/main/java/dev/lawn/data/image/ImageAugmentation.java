package dev.lawn.data.image;

import dev.lawn.data.Features;
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
 */
public record ImageAugmentation(int padding, boolean horizontalFlip, ChannelNormalization normalization)
    implements BatchTransform {

  /** CIFAR's usual padding. */
  public static final int CIFAR_PADDING = 4;

  public ImageAugmentation {
    if (padding < 0) {
      throw new IllegalArgumentException("padding must be >= 0, got " + padding);
    }
    Objects.requireNonNull(normalization, "normalization");
  }

  @Override
  public void apply(HostBatch batch, SplittableRandom random) {
    BatchImageShape shape = BatchImageShape.of(batch, normalization);
    int h = shape.height();
    int w = shape.width();
    int c = shape.channels();
    float[] x = batch.floats(Features.IMAGE);
    int size = shape.size();
    float[] tmp = new float[size];
    for (int n = 0; n < batch.size(); n++) {
      int base = n * size;
      int dy = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
      int dx = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
      boolean flip = horizontalFlip && random.nextBoolean();
      if (dy != 0 || dx != 0 || flip) {
        for (int y = 0; y < h; y++) {
          int sy = y + dy;
          for (int xo = 0; xo < w; xo++) {
            int sx = (flip ? w - 1 - xo : xo) + dx;
            int o = (y * w + xo) * c;
            if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
              for (int k = 0; k < c; k++) {
                tmp[o + k] = 0f;
              }
            } else {
              System.arraycopy(x, base + (sy * w + sx) * c, tmp, o, c);
            }
          }
        }
        System.arraycopy(tmp, 0, x, base, size);
      }
      normalization.applyTo(x, base, base + size);
    }
  }
}
