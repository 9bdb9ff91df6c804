package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataSets;
import dev.lawn.data.ImageLoader;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --image-size}: parsing, an image folder's own size, the error for mixed sizes, resizing stored data. */
class ImageSizeTest {

  @TempDir Path root;

  @Test
  void parsesSquareAndRectangularSizesAndNamesTheOptionOtherwise() {
    assertEquals(new ImageSize(32, 32), ImageSize.parse("32"));
    assertEquals(new ImageSize(224, 160), ImageSize.parse("224X160"));
    assertNull(ImageSize.parse(null));
    for (String bad : List.of("0", "32x", "x32", "big", "3x4x5", "-2x4")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageSize.parse(bad));
      assertTrue(e.getMessage().startsWith("--image-size"), e.getMessage());
    }
  }

  @Test
  void folderOfOneSizeIsReadAtThatSize() throws IOException {
    ImageFolderReaderTest.jpeg(root.resolve("train/a/1.jpg"), Color.RED, 12, 10); // 10 high, 12 wide
    ImageFolderReaderTest.jpeg(root.resolve("train/b/2.jpg"), Color.BLUE, 12, 10);
    ImageFolderReaderTest.jpeg(root.resolve("val/a/3.jpg"), Color.RED, 12, 10);

    ImageLoader loader = (ImageLoader) DataSets.resolve("image-folder", root);
    ImageDataset own = loader.load();
    assertEquals(new ImageSize(10, 12), own.size());
    assertEquals(2, own.trainSize());
    assertEquals(1, own.testSize());

    ImageDataset asked = loader.load(ImageSize.parse("6x4"));
    assertEquals(6, asked.height());
    assertEquals(4, asked.width());
    assertEquals(1f, asked.trainImages()[0], 0.05f); // still red
  }

  @Test
  void mixedSizesNeedTheOptionAndTheErrorListsThem() throws IOException {
    ImageFolderReaderTest.jpeg(root.resolve("a/1.jpg"), Color.RED, 32, 32);
    ImageFolderReaderTest.jpeg(root.resolve("a/2.jpg"), Color.RED, 32, 32);
    ImageFolderReaderTest.jpeg(root.resolve("b/3.jpg"), Color.BLUE, 28, 20); // 20 high, 28 wide

    ImageLoader loader = (ImageLoader) DataSets.resolve("image-folder", root);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loader::load);
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.contains("differ in size: 32x32 (2 images, e.g. a" + java.io.File.separator + "1.jpg), 20x28 (1 image, e.g. b"), m);
    assertTrue(m.contains("--image-size H[xW] (e.g. --image-size 32x32)"), m);

    ImageDataset chosen = loader.load(new ImageSize(16, 16));
    assertEquals(3, chosen.trainSize());
    assertEquals(16 * 16 * 3, chosen.imageSize());
    // The older spelling still names a square size.
    assertEquals(new ImageSize(8, 8), ((ImageLoader) DataSets.resolve("image-folder:8", root)).load().size());
  }

  @Test
  void storedImagesAreResizedBilinearly() {
    // 2 images of 2x2x1: a constant one stays constant, a left/right split keeps its mean.
    float[] train = {0.5f, 0.5f, 0.5f, 0.5f, 0f, 1f, 0f, 1f};
    ImageDataset d = new ImageDataset("tiny", 2, 2, 1, 2, train, new int[] {0, 1}, new float[0], new int[0], List.of());
    ImageDataset big = d.resized(new ImageSize(4, 6));
    assertEquals(4 * 6, big.imageSize());
    float[] x = big.trainImages();
    double constant = 0;
    double split = 0;
    for (int i = 0; i < 24; i++) {
      assertEquals(0.5f, x[i], 1e-6f);
      constant += x[i];
      split += x[24 + i];
    }
    assertEquals(12, constant, 1e-4);
    assertEquals(12, split, 1e-4);
    assertEquals(0f, x[24], 1e-6f); // left edge of the split image
    assertEquals(1f, x[24 + 5], 1e-6f); // right edge
    assertEquals(d, d.resized(new ImageSize(2, 2)));
  }
}
