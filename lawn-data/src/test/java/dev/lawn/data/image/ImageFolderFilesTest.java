package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.Batch;
import dev.lawn.data.DataFormatException;
import dev.lawn.data.Features;
import dev.lawn.data.HostThreads;
import dev.lawn.data.Seeds;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.data.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** An image folder read from its files batch by batch gives the batches the folder held in memory gives. */
class ImageFolderFilesTest {

  private static final ImageSize SIZE = new ImageSize(12, 10);

  @TempDir Path root;

  /** Noisy JPEGs of several sizes (so that decoding and resizing both matter), 3 classes, train and val. */
  @BeforeEach
  void folder() throws IOException {
    Random random = new Random(11);
    String[] classes = {"ant", "bee", "cat"};
    for (String split : List.of("train", "val")) {
      int n = split.equals("train") ? 31 : 7;
      for (int i = 0; i < n; i++) {
        int w = 9 + random.nextInt(20);
        int h = 9 + random.nextInt(20);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            img.setRGB(x, y, random.nextInt(1 << 24));
          }
        }
        Path file = root.resolve(split).resolve(classes[i % 3]).resolve("img" + i + ".jpg");
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, "jpg", file.toFile()));
      }
    }
  }

  /** Every batch of two epochs, as pixel and label arrays, batch after batch. */
  private static List<Object> drain(BatchStream stream) {
    List<Object> out = new ArrayList<>();
    try (BatchIterator it = stream.epochs(1, 2)) {
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          TFloat32 x = b.tensor(Features.IMAGE, TFloat32.class);
          float[] pixels = new float[(int) x.shape().size()];
          x.asRawTensor().data().asFloats().read(pixels);
          int[] labels = new int[b.size()];
          b.tensor(Features.LABEL, TInt32.class).asRawTensor().data().asInts().read(labels);
          out.add(pixels);
          out.add(labels);
        }
      }
    }
    return out;
  }

  private static void assertSameBatches(List<Object> want, List<Object> got) {
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      if (want.get(i) instanceof float[] w) {
        assertArrayEquals(w, (float[]) got.get(i), "pixels of batch " + i / 2);
      } else {
        assertArrayEquals((int[]) want.get(i), (int[]) got.get(i), "labels of batch " + i / 2);
      }
    }
  }

  private static BatchStream training(ImageDataset d) {
    return ImagePipelines.training(d,
        new ImageAugmentation(2, true, ChannelNormalization.fitTo(d)), 7, 8, false, 2);
  }

  @Test
  void filesGiveTheBatchesMemoryGives() {
    try (ImageDataset held = ImageFolderReader.read(root, SIZE, 3, ImageStore.MEMORY);
        ImageDataset files = ImageFolderReader.open(root, SIZE, 3, 3)) {
      assertFalse(held.streamed());
      assertTrue(files.streamed());
      assertEquals(held.trainSize(), files.trainSize());
      assertEquals(held.testSize(), files.testSize());
      assertEquals(held.classNames(), files.classNames());
      assertArrayEquals(held.trainLabels(), files.trainLabels());
      assertSameBatches(drain(training(held)), drain(training(files)));
      ChannelNormalization norm = ChannelNormalization.fitTo(held);
      assertArrayEquals(held.channelMeans(), files.channelMeans(), "the sample is the whole split");
      assertArrayEquals(held.channelStds(), files.channelStds());
      assertSameBatches(drain(ImagePipelines.evaluation(held, norm, 5, 1)),
          drain(ImagePipelines.evaluation(files, ChannelNormalization.fitTo(files), 5, 1)));

      ImageDataset heldSplit = held.withValidationSplit(6, 3).withTrainingSubset(20, 4);
      ImageDataset filesSplit = files.withValidationSplit(6, 3).withTrainingSubset(20, 4);
      assertTrue(filesSplit.streamed());
      assertEquals(heldSplit.name(), filesSplit.name());
      assertSameBatches(drain(training(heldSplit)), drain(training(filesSplit)));
      assertSameBatches(drain(ImagePipelines.evaluation(heldSplit, norm, 4, 0)),
          drain(ImagePipelines.evaluation(filesSplit, norm, 4, 0)));
      assertThrows(IllegalStateException.class, files::trainImages, "a streamed set holds no pixels");
    }
  }

  @Test
  void resizedFilesAreDecodedAtTheNewSize() {
    ImageSize other = new ImageSize(6, 7);
    try (ImageDataset held = ImageFolderReader.read(root, other, 3, ImageStore.MEMORY);
        ImageDataset files = ImageFolderReader.open(root, SIZE, 3, 2);
        ImageDataset resized = files.resized(other)) {
      assertEquals(other, resized.size());
      assertTrue(resized.streamed());
      assertSameBatches(drain(training(held)), drain(training(resized)));
    }
  }

  @Test
  void aBrokenFileFailsItsBatchNamingTheFile() throws IOException {
    Path broken = root.resolve("train/bee/img4.jpg");
    byte[] good = Files.readAllBytes(broken);
    Files.write(broken, java.util.Arrays.copyOf(good, 40));
    try (ImageDataset files = ImageFolderReader.open(root, SIZE, 3, 2)) { // opening decodes nothing
      BatchStream stream = Pipeline.from(files.trainColumns()).batch(8, false).prefetch(1);
      try (BatchIterator it = stream.epoch(0)) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> {
          while (it.hasNext()) {
            it.next().close();
          }
        });
        assertEquals(broken, e.file());
        assertTrue(e.getMessage().contains("not a decodable JPEG"), e.getMessage());
      }
    }
  }

  @Test
  void aClosedSetFailsPlainly() {
    ImageDataset files = ImageFolderReader.open(root, SIZE, 3, 2);
    BatchStream stream = Pipeline.from(files.trainColumns()).batch(8, false);
    files.close();
    files.close(); // twice is fine
    try (BatchIterator it = stream.epoch(0)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
      assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
  }

  /** A crop without flips, so that a batch is the boxes alone (then normalized). */
  private static RandomResizedCrop unflipped(ChannelNormalization norm) {
    return new RandomResizedCrop(0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, false, norm);
  }

  /**
   * Float64 reference of a crop cut from the original file: the whole file decoded at its own size,
   * the box sampled bilinearly with half-pixel centres (clamped to the box) onto the output grid.
   */
  private static double[] cropOfOriginal(Path file, RandomResizedCrop.Box box, ImageSize out) throws IOException {
    byte[] jpeg = Files.readAllBytes(file);
    ImageSize own;
    float[] full;
    try (JpegDecoder header = new JpegDecoder(1, 1, 3)) {
      own = header.size(jpeg, file);
    }
    try (JpegDecoder decoder = new JpegDecoder(own.height(), own.width(), 3)) {
      full = new float[decoder.imageSize()];
      decoder.decode(jpeg, file, full, 0);
    }
    int h = out.height();
    int w = out.width();
    double[] want = new double[h * w * 3];
    for (int y = 0; y < h; y++) {
      double fy = Math.max(0, Math.min(box.height() - 1, (y + 0.5) * box.height() / h - 0.5));
      int y0 = (int) Math.floor(fy);
      int y1 = Math.min(y0 + 1, box.height() - 1);
      for (int x = 0; x < w; x++) {
        double fx = Math.max(0, Math.min(box.width() - 1, (x + 0.5) * box.width() / w - 0.5));
        int x0 = (int) Math.floor(fx);
        int x1 = Math.min(x0 + 1, box.width() - 1);
        for (int k = 0; k < 3; k++) {
          double p00 = full[((box.top() + y0) * own.width() + box.left() + x0) * 3 + k];
          double p01 = full[((box.top() + y0) * own.width() + box.left() + x1) * 3 + k];
          double p10 = full[((box.top() + y1) * own.width() + box.left() + x0) * 3 + k];
          double p11 = full[((box.top() + y1) * own.width() + box.left() + x1) * 3 + k];
          double top = p00 + (p01 - p00) * (fx - x0);
          double bottom = p10 + (p11 - p10) * (fx - x0);
          want[(y * w + x) * 3 + k] = top + (bottom - top) * (fy - y0);
        }
      }
    }
    return want;
  }

  @Test
  void resizedCropsOfFilesAreCutFromTheOriginal() throws IOException {
    ChannelNormalization norm = new ChannelNormalization(new float[] {0.5f, 0.4f, 0.3f},
        new float[] {0.2f, 0.25f, 0.3f});
    RandomResizedCrop crop = unflipped(norm);
    int batch = 8;
    try (ImageDataset files = ImageFolderReader.open(root, SIZE, 3, 3)) {
      Pipeline pipeline = Pipeline.from(files.trainColumnsCropped(crop)).seed(7).map(norm).batch(batch, false);
      List<Object> batches = drain(pipeline);
      int n = SIZE.height() * SIZE.width() * 3;
      int perEpoch = (files.trainSize() + batch - 1) / batch;
      double worst = 0;
      double edge = 0;
      for (int epoch = 1; epoch <= 2; epoch++) {
        for (int b = 0; b * batch < files.trainSize(); b++) {
          float[] got = (float[]) batches.get(2 * ((epoch - 1) * perEpoch + b));
          long seed = dev.lawn.data.pipeline.DecodedColumn.batchSeed(7, epoch, b);
          for (int i = 0; i < got.length / n; i++) {
            Path file = files.trainFiles().get(b * batch + i);
            ImageSize own;
            try (JpegDecoder header = new JpegDecoder(1, 1, 3)) {
              own = header.size(Files.readAllBytes(file), file);
            }
            RandomResizedCrop.Box box = crop.draw(own.height(), own.width(),
                new SplittableRandom(Seeds.derive(seed, i)));
            double[] want = cropOfOriginal(file, box, SIZE);
            for (int j = 0; j < n; j++) {
              int k = j % 3;
              double normalized = (want[j] - norm.mean()[k]) / norm.std()[k];
              double d = Math.abs(normalized - got[i * n + j]) * norm.std()[k];
              if (readsRightEdge(j / 3 % SIZE.width(), box)) {
                edge = Math.max(edge, d);
              } else {
                worst = Math.max(worst, d);
              }
            }
          }
        }
      }
      assertTrue(worst < 2e-5, "largest pixel difference from the float64 crop of the original: " + worst);
      // libjpeg's crop decoding upsamples chroma at the box's right edge as at the image's edge: a few
      // levels of difference there, on these noise images (TF's DecodeAndCropJpeg does the same in Python).
      assertTrue(edge > 0 && edge < 0.2, "right-edge difference: " + edge);
    }
  }

  /** Whether output column {@code x} reads one of the box's last two source columns. */
  private static boolean readsRightEdge(int x, RandomResizedCrop.Box box) {
    double fx = Math.max(0, Math.min(box.width() - 1, (x + 0.5) * box.width() / SIZE.width() - 0.5));
    return Math.min((int) Math.floor(fx) + 1, box.width() - 1) >= box.width() - 2;
  }

  @Test
  void resizedCropsOfFilesDependOnTheSeedAlone() {
    try (ImageDataset one = ImageFolderReader.open(root, SIZE, 3, 1);
        ImageDataset three = ImageFolderReader.open(root, SIZE, 3, 3);
        ImageDataset held = ImageFolderReader.read(root, SIZE, 3, ImageStore.MEMORY)) {
      RandomResizedCrop crop = RandomResizedCrop.inception(ChannelNormalization.fitTo(held));
      List<Object> first = drain(ImagePipelines.training(one, crop, 7, 8, false, 2));
      assertSameBatches(first, drain(ImagePipelines.training(three, crop.withThreads(HostThreads.of(2)), 7, 8, false, 0)));
      float[] epoch1 = (float[]) first.get(0);
      float[] epoch2 = (float[]) first.get(8);
      assertFalse(java.util.Arrays.equals(epoch1, epoch2), "another epoch, other crops");
      float[] heldCrops = (float[]) drain(ImagePipelines.training(held, crop, 7, 8, false, 2)).get(0);
      assertEquals(epoch1.length, heldCrops.length);
      assertFalse(java.util.Arrays.equals(epoch1, heldCrops), "cut from the files, not from the held images");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> held.trainColumnsCropped(crop));
      assertTrue(e.getMessage().contains("ImageStore.FILES"), e.getMessage());
    }
  }

  @Test
  void decodingKeepsToItsThreads() {
    try (ImageDataset one = ImageFolderReader.read(root, SIZE, 3, ImageStore.FILES, HostThreads.of(1));
        ImageDataset all = ImageFolderReader.read(root, SIZE, 3, ImageStore.FILES, HostThreads.ALL_CORES)) {
      assertEquals(1, one.decodingThreads());
      assertEquals(Runtime.getRuntime().availableProcessors(), all.decodingThreads());
      assertSameBatches(drain(training(all)), drain(training(one)));
    }
  }

  @Test
  void autoHoldsASmallFolderAndCountsItsBytes() {
    long bytes = ImageFolderReader.decodedBytes(root, SIZE, 3);
    assertEquals(38L * 12 * 10 * 3 * 4, bytes);
    assertEquals(250, ImageStore.filesAbove(1000));
    try (ImageDataset d = ImageFolderReader.read(root, SIZE, 3, ImageStore.AUTO)) {
      assertFalse(d.streamed(), "a few KB of floats stay in memory");
    }
    try (ImageDataset d = ImageFolderReader.read(root, SIZE, 3, ImageStore.AUTO, HostThreads.ALL_CORES, 4 * bytes)) {
      assertFalse(d.streamed(), "a quarter of the heap, exactly: held");
    }
    try (ImageDataset d = ImageFolderReader.read(root, SIZE, 3, ImageStore.AUTO, HostThreads.ALL_CORES, 4 * bytes - 4)) {
      assertTrue(d.streamed(), "more than a quarter of the heap: read from the files");
    }
    assertEquals(ImageStore.FILES, ImageStore.parse(" Files", "--image-store"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageStore.parse("disk", "--image-store"));
    assertTrue(e.getMessage().startsWith("--image-store must be auto, memory or files"), e.getMessage());
  }
}
