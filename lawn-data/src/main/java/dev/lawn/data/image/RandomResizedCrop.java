package dev.lawn.data.image;

import dev.lawn.data.Features;
import dev.lawn.data.HostThreads;
import dev.lawn.data.pipeline.BatchTransform;
import dev.lawn.data.pipeline.HostBatch;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The training augmentation of ImageNet-style classifiers (Inception's, torchvision's
 * {@code RandomResizedCrop}), per image: a random box covering a share of the image's area drawn
 * uniformly from {@code [minArea, maxArea]}, of aspect ratio drawn log-uniformly from
 * {@code [minRatio, maxRatio]}, resampled bilinearly (half-pixel centres) to the image's size;
 * flipped horizontally with probability 1/2; then normalized per channel. Where ten draws give no box
 * that fits, the largest centred box within the ratio range is taken.
 *
 * <p>As a transform, the box is cut from the pixels the pipeline holds, the image at its training
 * size ({@code --image-size}): a small box is enlarged from few pixels. For a data set read from its
 * files, {@link ImagePipelines#training} instead cuts the box from the original JPEG as it is decoded
 * (on the file's own size, decoding only the box), as TF's Inception pipeline does. Random choices
 * come from the pipeline's generator for the batch (or, cut while decoding, from its seed for the
 * batch), so an epoch's crops are reproducible.
 *
 * @param minArea smallest share of the area a box covers, in (0, 1]
 * @param maxArea largest share, in [minArea, 1]
 * @param minRatio smallest width / height of a box, > 0
 * @param maxRatio largest width / height, >= minRatio
 * @param horizontalFlip whether to flip half of the images left-right
 * @param normalization applied last
 * @param threads the threads a batch's images are cropped on (the result does not depend on it)
 */
public record RandomResizedCrop(double minArea, double maxArea, double minRatio, double maxRatio,
    boolean horizontalFlip, ChannelNormalization normalization, HostThreads threads) implements BatchTransform {

  /** Draws of a box before falling back to the centred one (as torchvision does). */
  static final int ATTEMPTS = 10;

  public RandomResizedCrop {
    if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1)) {
      throw new IllegalArgumentException("crop area shares must satisfy 0 < min <= max <= 1, got [" + minArea + ", "
          + maxArea + "]");
    }
    if (!(minRatio > 0 && minRatio <= maxRatio)) {
      throw new IllegalArgumentException("crop aspect ratios must satisfy 0 < min <= max, got [" + minRatio + ", "
          + maxRatio + "]");
    }
    Objects.requireNonNull(normalization, "normalization");
    Objects.requireNonNull(threads, "threads");
  }

  /** The crop on every core ({@link HostThreads#ALL_CORES}). */
  public RandomResizedCrop(double minArea, double maxArea, double minRatio, double maxRatio, boolean horizontalFlip,
      ChannelNormalization normalization) {
    this(minArea, maxArea, minRatio, maxRatio, horizontalFlip, normalization, HostThreads.ALL_CORES);
  }

  /** The same crop on {@code threads}. */
  public RandomResizedCrop withThreads(HostThreads threads) {
    return new RandomResizedCrop(minArea, maxArea, minRatio, maxRatio, horizontalFlip, normalization, threads);
  }

  /** Inception's ranges: 8 % to 100 % of the area, aspect ratio 3/4 to 4/3, with flips. */
  public static RandomResizedCrop inception(ChannelNormalization normalization) {
    return new RandomResizedCrop(0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, true, normalization);
  }

  /** A box of the image: rows {@code [top, top + height)}, columns {@code [left, left + width)}. */
  record Box(int top, int left, int height, int width) {}

  /** Draws the box of one {@code h x w} image. */
  Box draw(int h, int w, SplittableRandom random) {
    double area = (double) h * w;
    double logMin = Math.log(minRatio);
    double logMax = Math.log(maxRatio);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double target = area * (minArea + (maxArea - minArea) * random.nextDouble());
      double ratio = Math.exp(logMin + (logMax - logMin) * random.nextDouble());
      int bw = (int) Math.round(Math.sqrt(target * ratio));
      int bh = (int) Math.round(Math.sqrt(target / ratio));
      if (bw > 0 && bh > 0 && bw <= w && bh <= h) {
        return new Box(random.nextInt(h - bh + 1), random.nextInt(w - bw + 1), bh, bw);
      }
    }
    double ratio = (double) w / h; // the centred fallback: the whole image, narrowed into the ratio range
    int bw = w;
    int bh = h;
    if (ratio < minRatio) {
      bh = Math.max(1, (int) Math.round(w / minRatio));
    } else if (ratio > maxRatio) {
      bw = Math.max(1, (int) Math.round(h * maxRatio));
    }
    return new Box((h - bh) / 2, (w - bw) / 2, bh, bw);
  }

  @Override
  public void apply(HostBatch batch, SplittableRandom random) {
    BatchImageShape shape = BatchImageShape.of(batch, normalization);
    float[] x = batch.floats(Features.IMAGE);
    int n = batch.size();
    // Every draw first, in image order, so that the images may then be done in any order.
    Box[] boxes = new Box[n];
    boolean[] flip = new boolean[n];
    for (int i = 0; i < n; i++) {
      boxes[i] = draw(shape.height(), shape.width(), random);
      flip[i] = horizontalFlip && random.nextBoolean();
    }
    ImageParallelism.transformEach(x, n, shape.size(), normalization, threads, (i, base, out) -> {
      resample(x, base, shape.height(), shape.width(), shape.channels(), boxes[i], flip[i], out);
      return true;
    });
  }

  /**
   * Samples {@code box} of the image at {@code src[base...]} bilinearly onto an {@code h x w} grid
   * with half-pixel centres (output pixel {@code y} reads source row {@code top + (y + 0.5) * bh / h
   * - 0.5}, clamped to the box), mirrored left-right when {@code flip}.
   */
  static void resample(float[] src, int base, int h, int w, int c, Box box, boolean flip, float[] out) {
    double sy = (double) box.height() / h;
    double sx = (double) box.width() / w;
    // The columns' taps and weights are the same on every row: found once per image.
    int[] x0s = new int[w];
    int[] x1s = new int[w];
    float[] wxs = new float[w];
    for (int xo = 0; xo < w; xo++) {
      int xs = flip ? w - 1 - xo : xo;
      double fx = clamp(box.left() + (xs + 0.5) * sx - 0.5, box.left(), box.left() + box.width() - 1);
      x0s[xo] = (int) Math.floor(fx);
      x1s[xo] = Math.min(x0s[xo] + 1, box.left() + box.width() - 1);
      wxs[xo] = (float) (fx - x0s[xo]);
    }
    for (int y = 0; y < h; y++) {
      double fy = clamp(box.top() + (y + 0.5) * sy - 0.5, box.top(), box.top() + box.height() - 1);
      int y0 = (int) Math.floor(fy);
      int y1 = Math.min(y0 + 1, box.top() + box.height() - 1);
      float wy = (float) (fy - y0);
      int row0 = base + y0 * w * c;
      int row1 = base + y1 * w * c;
      for (int xo = 0; xo < w; xo++) {
        float wx = wxs[xo];
        int o = (y * w + xo) * c;
        int p00 = row0 + x0s[xo] * c;
        int p01 = row0 + x1s[xo] * c;
        int p10 = row1 + x0s[xo] * c;
        int p11 = row1 + x1s[xo] * c;
        for (int k = 0; k < c; k++) {
          float top = src[p00 + k] + (src[p01 + k] - src[p00 + k]) * wx;
          float bottom = src[p10 + k] + (src[p11 + k] - src[p10 + k]) * wx;
          out[o + k] = top + (bottom - top) * wy;
        }
      }
    }
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
