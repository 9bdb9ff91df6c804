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

class CifarReaderTest {

  @TempDir Path dir;

  /** Records whose red plane is all 10, green 20, blue 30 + record index; labels as given. */
  static byte[] records(CifarReader.Variant v, int... labels) {
    byte[] b = new byte[labels.length * v.recordSize()];
    for (int r = 0; r < labels.length; r++) {
      int base = r * v.recordSize();
      if (v == CifarReader.Variant.CIFAR100) {
        b[base] = 3;
      }
      b[base + v.recordSize() - CifarReader.PIXELS - 1] = (byte) labels[r];
      int px = base + v.recordSize() - CifarReader.PIXELS;
      Arrays.fill(b, px, px + 1024, (byte) 10);
      Arrays.fill(b, px + 1024, px + 2048, (byte) 20);
      Arrays.fill(b, px + 2048, px + 3072, (byte) (30 + r));
    }
    return b;
  }

  @Test
  void readsBothVariantsIntoInterleavedChannels() throws IOException {
    Path a = Files.write(dir.resolve("data_batch_1.bin"), records(CifarReader.Variant.CIFAR10, 3, 9));
    Path b = Files.write(dir.resolve("data_batch_2.bin"), records(CifarReader.Variant.CIFAR10, 0));
    CifarReader.Records r = CifarReader.read(CifarReader.Variant.CIFAR10, a, b);
    assertArrayEquals(new int[] {3, 9, 0}, r.labels());
    assertEquals(3 * 3072, r.images().length);
    int pixel = 3072 + 3 * 100; // record 1, pixel 100
    assertEquals(10 / 255f, r.images()[pixel], 1e-7f);
    assertEquals(20 / 255f, r.images()[pixel + 1], 1e-7f);
    assertEquals(31 / 255f, r.images()[pixel + 2], 1e-7f);

    Path c = Files.write(dir.resolve("train.bin"), records(CifarReader.Variant.CIFAR100, 99, 42));
    assertArrayEquals(new int[] {99, 42}, CifarReader.read(CifarReader.Variant.CIFAR100, c).labels());
  }

  @Test
  void truncatedRecordEmptyFileAndBadLabelsAreReported() throws IOException {
    byte[] two = records(CifarReader.Variant.CIFAR10, 1, 2);
    Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(two, two.length - 100));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CifarReader.read(CifarReader.Variant.CIFAR10, cut));
    assertEquals(3073, e.byteOffset().getAsLong());
    assertTrue(e.getMessage().contains("truncated record 1: 2973 of 3073 bytes"), e.getMessage());

    Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
    assertTrue(assertThrows(DataFormatException.class, () -> CifarReader.read(CifarReader.Variant.CIFAR10, empty))
        .getMessage().contains("empty"));

    Path bad = Files.write(dir.resolve("bad.bin"), records(CifarReader.Variant.CIFAR10, 1, 10));
    e = assertThrows(DataFormatException.class, () -> CifarReader.read(CifarReader.Variant.CIFAR10, bad));
    assertEquals(3073, e.byteOffset().getAsLong());
    assertTrue(e.getMessage().contains("label 10 of record 1 is outside 0..9"), e.getMessage());

    Path bad100 = Files.write(dir.resolve("bad100.bin"), records(CifarReader.Variant.CIFAR100, 100));
    e = assertThrows(DataFormatException.class, () -> CifarReader.read(CifarReader.Variant.CIFAR100, bad100));
    assertEquals(1, e.byteOffset().getAsLong());

    // A CIFAR-10 file read as CIFAR-100 is not a whole number of records.
    Path ten = Files.write(dir.resolve("ten.bin"), records(CifarReader.Variant.CIFAR10, 1, 2, 3));
    assertThrows(DataFormatException.class, () -> CifarReader.read(CifarReader.Variant.CIFAR100, ten));
  }
}
