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

  /** train/{n01,n02}/ and a flat val/ of three JPEGs, as ImageNet's validation set comes. */
  private void flatValidation() throws IOException {
    jpeg(root.resolve("train/n01/a.JPEG"), Color.RED, 8, 8);
    jpeg(root.resolve("train/n02/b.JPEG"), Color.BLUE, 8, 8);
    jpeg(root.resolve("val/ILSVRC2012_val_00000001.JPEG"), Color.BLUE, 8, 8);
    jpeg(root.resolve("val/ILSVRC2012_val_00000002.JPEG"), Color.RED, 8, 8);
    jpeg(root.resolve("val/ILSVRC2012_val_00000003.JPEG"), Color.BLUE, 8, 8);
  }

  @Test
  void aFlatValidationFolderIsLabelledByItsLabelFile() throws IOException {
    flatValidation();
    Files.writeString(root.resolve("val/labels.csv"), "file,class\nILSVRC2012_val_00000001.JPEG,n02\n"
        + "ILSVRC2012_val_00000002.JPEG,n01\nILSVRC2012_val_00000003,n02\nILSVRC2012_val_00000099.JPEG,n01\n");
    ImageDataset d = ImageFolderReader.read(root, 8, 8, 3);
    assertArrayEquals(new int[] {1, 0, 1}, d.testLabels(), "by name, with or without extension; extra labels ignored");
    assertEquals(0f, d.testImages()[0], 0.05f, "the first file is blue");

    Files.delete(root.resolve("val/labels.csv")); // Kaggle's file at the root instead
    Files.writeString(root.resolve(FlatSplitLabels.KAGGLE_CSV), "ImageId,PredictionString\n"
        + "ILSVRC2012_val_00000002,n01 10 20 30 40 n01 1 2 3 4\nILSVRC2012_val_00000001,n02 5 5 9 9\n"
        + "ILSVRC2012_val_00000003,n02 0 0 7 7\n");
    try (ImageDataset files = ImageFolderReader.read(root, new ImageSize(8, 8), 3, ImageStore.FILES)) {
      assertArrayEquals(new int[] {1, 0, 1}, files.testLabels());
    }
  }

  @Test
  void aFlatValidationFolderWithoutOrWithBadLabelsIsRefused() throws IOException {
    flatValidation();
    DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 8, 8, 3));
    assertTrue(e.getMessage().contains("JPEGs without class folders") && e.getMessage().contains("labels.csv"),
        e.getMessage());
    Path labels = root.resolve("val/labels.csv");
    Files.writeString(labels, "ILSVRC2012_val_00000001.JPEG,n02\nILSVRC2012_val_00000002.JPEG,n01\n");
    e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 8, 8, 3));
    assertEquals(root.resolve("val/ILSVRC2012_val_00000003.JPEG"), e.file());
    assertTrue(e.getMessage().contains("no label in"), e.getMessage());
    Files.writeString(labels, "ILSVRC2012_val_00000001.JPEG,n02\nILSVRC2012_val_00000002.JPEG,n07\n"
        + "ILSVRC2012_val_00000003.JPEG,n02\n");
    e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 8, 8, 3));
    assertTrue(e.getMessage().contains("labelled 'n07', which is not a class folder"), e.getMessage());
    Files.writeString(labels, "ILSVRC2012_val_00000001.JPEG,n02\nno comma here\n");
    e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 8, 8, 3));
    assertEquals(labels, e.file());
    assertTrue(e.getMessage().contains(":2") || e.getMessage().contains("line 2"), e.getMessage());
    Files.writeString(labels, "ILSVRC2012_val_00000001.JPEG,n02\nILSVRC2012_val_00000001.jpg,n01\n");
    e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, 8, 8, 3));
    assertTrue(e.getMessage().contains("labelled twice"), e.getMessage());
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
