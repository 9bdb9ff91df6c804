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
