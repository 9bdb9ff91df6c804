package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

  @TempDir Path root;

  /** A solid-colour JPEG, written by the JDK's encoder so that TF's decoder reads a foreign file. */
  static void jpeg(Path file, Color color, int w, int h) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, w, h);
    g.dispose();
    assertTrue(ImageIO.write(img, "jpg", file.toFile()));
  }

  @Test
  void readsClassFoldersDecodedByTensorFlow() throws IOException {
    jpeg(root.resolve("train/red/a.jpg"), Color.RED, 40, 30);
    jpeg(root.resolve("train/red/b.JPEG"), Color.RED, 20, 20);
    jpeg(root.resolve("train/blue/c.jpg"), Color.BLUE, 16, 16);
    Files.writeString(root.resolve("train/blue/notes.txt"), "ignored");
    jpeg(root.resolve("val/red/d.jpg"), Color.RED, 16, 16);

    ImageDataset d = ImageFolderReader.read(root, 8, 8, 3);
    assertEquals(List.of("blue", "red"), d.classNames());
    assertEquals(2, d.numClasses());
    assertArrayEquals(new int[] {0, 1, 1}, d.trainLabels());
    assertArrayEquals(new int[] {1}, d.testLabels());
    assertEquals(8 * 8 * 3, d.imageSize());
    float[] x = d.trainImages();
    // Blue image: (0, 0, 1) up to JPEG error; red: (1, 0, 0).
    assertEquals(0f, x[0], 0.05f);
    assertEquals(1f, x[2], 0.05f);
    int red = d.imageSize() + 3 * 27;
    assertEquals(1f, x[red], 0.05f);
    assertEquals(0f, x[red + 1], 0.05f);
  }

  @Test
  void flatFolderIsTrainingOnlyAndBadFilesAreNamed() throws IOException {
    jpeg(root.resolve("cat/1.jpg"), Color.GRAY, 10, 10);
    jpeg(root.resolve("dog/1.jpg"), Color.WHITE, 10, 10);
    ImageDataset d = ImageFolderReader.read(root, 4, 4, 1);
    assertEquals(2, d.trainSize());
    assertEquals(0, d.testSize());
    assertEquals(1f, d.trainImages()[16], 0.02f);

    Path broken = root.resolve("dog/2.jpg");
    Files.writeString(broken, "this is not a jpeg");
    DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 4, 4, 1));
    assertEquals(broken, e.file());
    assertTrue(e.getMessage().contains("not a decodable JPEG"), e.getMessage());

    byte[] good = Files.readAllBytes(root.resolve("dog/1.jpg"));
    Files.write(broken, Arrays.copyOf(good, good.length / 2));
    e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 4, 4, 1));
    assertEquals(broken, e.file(), "a truncated JPEG is named too");
  }

  @Test
  void emptyFolderIsRejected() throws IOException {
    assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 4, 4, 3));
    Files.createDirectories(root.resolve("a"));
    assertTrue(assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 4, 4, 3))
        .getMessage().contains("no .jpg"));
  }
}
