package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.Pipeline;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class ImageTransformsTest {

  /** 6 images of 2x3x1 whose pixel (y, x) is 1 + x + 10 * label. */
  static ImageDataset tiny() {
    int n = 6;
    float[] x = new float[n * 6];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int p = 0; p < 6; p++) {
        x[i * 6 + p] = 1 + (p % 3) + 10 * y[i];
      }
    }
    return new ImageDataset("tiny", 2, 3, 1, 3, x, y, x.clone(), y.clone(), List.of());
  }

  private static float[][] images(Pipeline p, int epoch) {
    float[][] out = new float[6][];
    try (BatchIterator it = p.epoch(epoch)) {
      int k = 0;
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          TFloat32 img = b.tensor(Features.IMAGE, TFloat32.class);
          assertEquals(4, img.shape().numDimensions());
          TInt32 label = b.tensor(Features.LABEL, TInt32.class);
          for (int i = 0; i < b.size(); i++, k++) {
            out[k] = new float[7];
            img.asRawTensor().data().asFloats().offset(i * 6L).read(out[k], 0, 6);
            out[k][6] = label.getInt(i);
          }
        }
      }
    }
    return out;
  }

  @Test
  void flipMirrorsRowsAndEvaluationIsDeterministic() {
    ImageDataset d = tiny();
    ChannelNormalization identity = new ChannelNormalization(new float[] {0f}, new float[] {1f});
    Pipeline train = ImagePipelines.training(d, new ImageAugmentation(0, true, identity), 3, 4, false, 2);
    float[][] a = images(train, 0);
    for (float[] img : a) {
      float base = 10 * img[6];
      boolean isFlipped = img[0] == base + 3;
      if (isFlipped) {
        assertArrayEquals(new float[] {base + 3, base + 2, base + 1, base + 3, base + 2, base + 1},
            Arrays.copyOf(img, 6));
      } else {
        assertArrayEquals(new float[] {base + 1, base + 2, base + 3, base + 1, base + 2, base + 3},
            Arrays.copyOf(img, 6));
      }
    }
    assertTrue(Arrays.deepEquals(a, images(train, 0)), "same seed and epoch, same augmentation");
    assertFalse(Arrays.deepEquals(a, images(train, 1)));

    ChannelNormalization norm = new ChannelNormalization(new float[] {1f}, new float[] {2f});
    float[][] eval = images(ImagePipelines.evaluation(d, norm, 4, 0), 0);
    for (int i = 0; i < 6; i++) {
      assertEquals(i % 3, eval[i][6], "evaluation keeps file order");
      assertEquals((1 + 10 * (i % 3) - 1) / 2f, eval[i][0], 1e-6f);
    }
    assertTrue(Arrays.deepEquals(eval, images(ImagePipelines.evaluation(d, norm, 4, 2), 0)));
  }

  @Test
  void paddedCropShiftsInZeros() {
    ImageDataset d = tiny();
    ChannelNormalization identity = new ChannelNormalization(new float[] {0f}, new float[] {1f});
    Pipeline p = ImagePipelines.training(d, new ImageAugmentation(1, false, identity), 5, 6, false, 0);
    boolean sawZero = false;
    for (int e = 0; e < 5; e++) {
      for (float[] img : images(p, e)) {
        float base = 10 * img[6];
        for (int k = 0; k < 6; k++) {
          float v = img[k];
          sawZero |= v == 0f;
          assertTrue(v == 0f || (v >= base + 1 && v <= base + 3), "pixel from the image or padding: " + v);
        }
      }
    }
    assertTrue(sawZero, "some crop must reach the padding");
  }

  @Test
  void normalizationStatisticsAndValidationSplit() {
    ImageDataset d = tiny();
    ChannelNormalization fit = ChannelNormalization.fitTo(d);
    assertEquals(12f, fit.mean()[0], 1e-5f);
    assertTrue(fit.std()[0] > 0f);
    assertThrows(IllegalArgumentException.class, () -> new ChannelNormalization(new float[] {0f}, new float[] {0f}));
    assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(-1, true, fit));

    ImageDataset v = d.withValidationSplit(2, 9);
    assertEquals(4, v.trainSize());
    assertEquals(2, v.testSize());
    int[] all = new int[6];
    System.arraycopy(v.trainLabels(), 0, all, 0, 4);
    System.arraycopy(v.testLabels(), 0, all, 4, 2);
    Arrays.sort(all);
    assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, all);
    assertArrayEquals(v.testLabels(), d.withValidationSplit(2, 9).testLabels());
    assertThrows(IllegalArgumentException.class, () -> d.withValidationSplit(6, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new ImageDataset("bad", 2, 3, 1, 3, new float[6], new int[] {3}, new float[0], new int[0], List.of()));
  }

  @Test
  void trainingSubsetKeepsSeededImagesWithTheirLabelsAndTheWholeTestSplit() {
    int n = 10;
    float[] x = new float[n * 6];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      Arrays.fill(x, i * 6, i * 6 + 6, i); // every pixel of image i is i: which image it was stays visible
    }
    ImageDataset d = new ImageDataset("ten", 2, 3, 1, 3, x, y, new float[12], new int[] {0, 1}, List.of());
    ImageDataset s = d.withTrainingSubset(4, 3);
    assertEquals(4, s.trainSize());
    assertEquals("ten/train-4", s.name());
    int previous = -1;
    for (int k = 0; k < 4; k++) {
      int source = (int) s.trainImages()[k * 6];
      assertTrue(source > previous, "distinct images in their original order");
      previous = source;
      assertEquals(source % 3, s.trainLabels()[k], "each image keeps its label");
      for (int p = 0; p < 6; p++) {
        assertEquals(source, s.trainImages()[k * 6 + p], 0f);
      }
    }
    assertArrayEquals(d.testLabels(), s.testLabels());
    assertEquals(d.testSize(), s.testSize());
    assertArrayEquals(s.trainImages(), d.withTrainingSubset(4, 3).trainImages(), 0f);
    boolean anotherSeedDiffers = false;
    for (long seed = 4; seed < 10; seed++) {
      anotherSeedDiffers |= !Arrays.equals(s.trainImages(), d.withTrainingSubset(4, seed).trainImages());
    }
    assertTrue(anotherSeedDiffers, "the seed chooses the images");
    assertSame(d, d.withTrainingSubset(n, 3));
    assertThrows(IllegalArgumentException.class, () -> d.withTrainingSubset(0, 3));
    assertThrows(IllegalArgumentException.class, () -> d.withTrainingSubset(n + 1, 3));
  }
}
