package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir Path dir;

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    for (boolean gz : new boolean[] {false, true}) {
      Path images = IdxFiles.write(dir.resolve("img" + gz), IdxFiles.images(3, 2, 4), gz);
      IdxReader.Images im = IdxReader.readImages(images);
      assertEquals(3, im.count());
      assertEquals(2, im.rows());
      assertEquals(4, im.cols());
      assertEquals(24, im.pixels().length);
      assertEquals(5 / 255f, im.pixels()[5], 1e-7f);
      Path labels = IdxFiles.write(dir.resolve("lab" + gz), IdxFiles.labels(0, 9, 4), gz);
      assertArrayEquals(new int[] {0, 9, 4}, IdxReader.readLabels(labels, 10));
    }
  }

  @Test
  void badMagicNumberIsReportedAtOffsetZero() throws IOException {
    Path labelsAsImages = IdxFiles.write(dir.resolve("x"), IdxFiles.labels(1, 2), false);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(labelsAsImages));
    assertEquals(0, e.byteOffset().getAsLong());
    assertTrue(e.getMessage().contains("bad magic number 0x00000801, expected 0x00000803"), e.getMessage());
    Path text = dir.resolve("t");
    Files.writeString(text, "hello world, not idx");
    assertThrows(DataFormatException.class, () -> IdxReader.readLabels(text, 10));
  }

  @Test
  void truncatedFileNamesTheFirstIncompleteImage() throws IOException {
    byte[] full = IdxFiles.images(3, 2, 4);
    Path cut = IdxFiles.write(dir.resolve("cut"), Arrays.copyOf(full, full.length - 3), false);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(cut));
    assertEquals(16 + 2 * 8, e.byteOffset().getAsLong());
    assertTrue(e.getMessage().contains("image 2 is incomplete"), e.getMessage());

    Path cutGz = IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(full, full.length - 3), true);
    assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(cutGz)).getMessage()
        .contains("decompressed"));

    Path header = IdxFiles.write(dir.resolve("h"), Arrays.copyOf(full, 10), false);
    assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(header)).getMessage()
        .contains("ends inside the header"));

    byte[] gz = Files.readAllBytes(IdxFiles.write(dir.resolve("g"), full, true));
    Path brokenGz = dir.resolve("broken.gz");
    Files.write(brokenGz, Arrays.copyOf(gz, gz.length / 2));
    assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(brokenGz)).getMessage()
        .contains("gzip"));
  }

  @Test
  void emptyFileAndOutOfRangeLabel() throws IOException {
    Path empty = dir.resolve("empty");
    Files.write(empty, new byte[0]);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(empty, 10));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    assertEquals(empty, e.file());

    Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(1, 2, 10), false);
    e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(labels, 10));
    assertEquals(8 + 2, e.byteOffset().getAsLong());
    assertTrue(e.getMessage().contains("label 10 of example 2 is outside 0..9"), e.getMessage());
  }
}
