package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.Pipeline;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

class RandomResizedCropTest {

  private static final ChannelNormalization IDENTITY =
      new ChannelNormalization(new float[] {0f, 0f}, new float[] {1f, 1f});

  /** An h x w x 2 image: channel 0 is x, channel 1 is 100 * y (both linear, where bilinear sampling is exact). */
  private static float[] ramps(int h, int w) {
    float[] img = new float[h * w * 2];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img[(y * w + x) * 2] = x;
        img[(y * w + x) * 2 + 1] = 100f * y;
      }
    }
    return img;
  }

  @Test
  void theWholeImageIsItselfAndItsMirror() {
    int h = 5;
    int w = 7;
    float[] img = ramps(h, w);
    float[] out = new float[img.length];
    RandomResizedCrop.Box all = new RandomResizedCrop.Box(0, 0, h, w);
    RandomResizedCrop.resample(img, 0, h, w, 2, all, false, out);
    assertArrayEquals(img, out, "the whole box at the same size samples every pixel at its centre");
    RandomResizedCrop.resample(img, 0, h, w, 2, all, true, out);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        assertEquals(w - 1 - x, out[(y * w + x) * 2], 0f);
        assertEquals(100f * y, out[(y * w + x) * 2 + 1], 0f);
      }
    }
  }

  @Test
  void aBoxIsSampledAtHalfPixelCentresAsAFloat64ReferenceSays() {
    int h = 8;
    int w = 12;
    float[] img = ramps(h, w);
    float[] out = new float[img.length];
    RandomResizedCrop.Box box = new RandomResizedCrop.Box(2, 3, 5, 4);
    RandomResizedCrop.resample(img, 0, h, w, 2, box, false, out);
    for (int y = 0; y < h; y++) {
      double fy = Math.max(2, Math.min(6, 2 + (y + 0.5) * 5.0 / h - 0.5));
      for (int x = 0; x < w; x++) {
        double fx = Math.max(3, Math.min(6, 3 + (x + 0.5) * 4.0 / w - 0.5));
        assertEquals(fx, out[(y * w + x) * 2], 1e-5 * Math.max(1, fx), "x at " + y + "," + x);
        assertEquals(100 * fy, out[(y * w + x) * 2 + 1], 1e-5 * 100 * fy, "y at " + y + "," + x);
      }
    }
  }

  @Test
  void boxesFitAndFollowTheirRanges() {
    RandomResizedCrop crop = RandomResizedCrop.inception(IDENTITY);
    SplittableRandom random = new SplittableRandom(3);
    int h = 224;
    int w = 160;
    double smallest = 1;
    for (int i = 0; i < 2000; i++) {
      RandomResizedCrop.Box b = crop.draw(h, w, random);
      assertTrue(b.top() >= 0 && b.left() >= 0 && b.top() + b.height() <= h && b.left() + b.width() <= w, b.toString());
      double share = (double) b.height() * b.width() / (h * w);
      double ratio = (double) b.width() / b.height();
      smallest = Math.min(smallest, share);
      assertTrue(share <= 1 + 1e-9, b + " covers " + share);
      if (b.height() >= 20 && b.width() >= 20) { // rounding a side moves the ratio by up to 1/20 of it
        assertTrue(ratio > 0.75 * 0.95 && ratio < 4.0 / 3 * 1.05, b + " has ratio " + ratio);
      }
    }
    assertTrue(smallest < 0.1, "small boxes are drawn: the smallest covered " + smallest);
    // No box of ratio 2-3 covering the whole square fits: the centred fallback narrows the height.
    RandomResizedCrop wide = new RandomResizedCrop(1.0, 1.0, 2.0, 3.0, false, IDENTITY);
    assertEquals(new RandomResizedCrop.Box(5, 0, 10, 20), wide.draw(20, 20, new SplittableRandom(1)));
  }

  @Test
  void anEpochsCropsAreReproducibleAndNormalized() {
    int n = 6;
    float[] x = new float[n * 6 * 6 * 2];
    for (int i = 0; i < n; i++) {
      System.arraycopy(ramps(6, 6), 0, x, i * 72, 72);
    }
    ImageDataset d = new ImageDataset("ramps", 6, 6, 2, 2, x, new int[] {0, 1, 0, 1, 0, 1}, new float[0], new int[0],
        List.of());
    ChannelNormalization norm = new ChannelNormalization(new float[] {1f, 2f}, new float[] {2f, 4f});
    RandomResizedCrop crop = RandomResizedCrop.inception(norm);
    float[] a = pixels(ImagePipelines.training(d, crop, 9, 4, false, 2), 1);
    float[] b = pixels(ImagePipelines.training(d, crop, 9, 4, false, 0), 1);
    assertArrayEquals(a, b, "epoch 1 is a function of (seed, epoch)");
    assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(pixels(
        ImagePipelines.training(d, crop, 9, 4, false, 0), 2)), "another epoch, other crops");
    for (int i = 0; i < a.length; i += 2) {
      double col = a[i] * 2 + 1; // undo the normalization: a column coordinate in [0, 5]
      double row = (a[i + 1] * 4 + 2) / 100;
      assertTrue(col >= -1e-4 && col <= 5 + 1e-4 && row >= -1e-4 && row <= 5 + 1e-4, col + ", " + row);
    }
    assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(0, 1, 0.75, 1.33, true, norm));
    assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(0.5, 0.4, 0.75, 1.33, true, norm));
    assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(0.1, 1, 1.5, 1.0, true, norm));
  }

  private static float[] pixels(Pipeline p, int epoch) {
    float[] out = new float[6 * 72];
    int offset = 0;
    try (BatchIterator it = p.epoch(epoch)) {
      while (it.hasNext()) {
        try (Batch batch = it.next()) {
          TFloat32 img = batch.tensor(Features.IMAGE, TFloat32.class);
          int n = (int) img.shape().size();
          img.asRawTensor().data().asFloats().read(out, offset, n);
          offset += n;
        }
      }
    }
    return out;
  }
}
