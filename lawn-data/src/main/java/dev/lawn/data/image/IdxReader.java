package dev.lawn.data.image;

import dev.lawn.data.DataFormatException;
import java.nio.file.Path;

/**
 * Reads IDX files (MNIST, Fashion-MNIST), gzipped or not: unsigned-byte images ({@code 0x00000803})
 * and labels ({@code 0x00000801}). Big-endian header: two zero bytes, a type code, the number of
 * dimensions, then one 32-bit size per dimension.
 */
public final class IdxReader {

  /** Magic number of unsigned-byte 3-D data (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of unsigned-byte 1-D data (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /** Grey-scale images as floats in [0, 1]: {@code count * rows * cols} values, row-major. */
  public record Images(int count, int rows, int cols, float[] pixels) {}

  /**
   * Reads an images file.
   *
   * @throws DataFormatException for an empty file, a bad magic number, an image of more than
   *     2^31-1 pixels, or a file shorter than its header declares (naming the offset of the first
   *     incomplete image)
   */
  public static Images readImages(Path file) {
    BinaryFile f = BinaryFile.read(file);
    checkMagic(f, IMAGES_MAGIC, "unsigned-byte 3-D images");
    requireLength(f, 16, "header");
    int count = f.u32(4);
    int rows = f.u32(8);
    int cols = f.u32(12);
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw f.errorAt(4, "bad dimensions " + count + "x" + rows + "x" + cols);
    }
    // rows * cols overflows an int for a corrupt header; the size is checked against the file length
    // before anything is allocated, so a header claiming billions of images costs nothing.
    long size = (long) rows * cols;
    if (size > Integer.MAX_VALUE) {
      throw f.errorAt(8, "image size " + rows + "x" + cols + " exceeds 2^31-1 pixels");
    }
    requireRecords(f, 16, count, size, "image");
    float[] pixels = new float[(int) (count * size)];
    byte[] b = f.bytes();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (b[16 + i] & 0xFF) * (1f / 255f);
    }
    return new Images(count, rows, cols, pixels);
  }

  /**
   * Reads a labels file.
   *
   * @throws DataFormatException for an empty file, a bad magic number, a truncated file, or a label
   *     outside {@code 0..numClasses-1} (naming its byte offset)
   */
  public static int[] readLabels(Path file, int numClasses) {
    BinaryFile f = BinaryFile.read(file);
    checkMagic(f, LABELS_MAGIC, "unsigned-byte 1-D labels");
    requireLength(f, 8, "header");
    int count = f.u32(4);
    if (count < 0) {
      throw f.errorAt(4, "bad label count " + count);
    }
    requireRecords(f, 8, count, 1, "label");
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int label = f.u8(8 + i);
      if (label >= numClasses) {
        throw f.errorAt(8 + i, "label " + label + " of example " + i + " is outside 0.." + (numClasses - 1));
      }
      labels[i] = label;
    }
    return labels;
  }

  private static void checkMagic(BinaryFile f, int expected, String what) {
    requireLength(f, 4, "magic number");
    int magic = f.u32(0);
    if (magic != expected) {
      throw f.errorAt(0, String.format("bad magic number 0x%08X, expected 0x%08X (IDX %s)", magic, expected, what));
    }
  }

  private static void requireLength(BinaryFile f, int length, String what) {
    if (f.bytes().length < length) {
      throw f.errorAt(f.bytes().length, "file ends inside the " + what + " (" + f.bytes().length + " of " + length
          + " bytes)");
    }
  }

  private static void requireRecords(BinaryFile f, int header, int count, long size, String what) {
    long needed = header + count * size; // < 2^31 * 2^31: no overflow
    if (f.bytes().length < needed) {
      long complete = (f.bytes().length - header) / size;
      throw f.errorAt(header + complete * size, "truncated: the header declares " + count + " " + what + "s of " + size
          + " bytes (" + needed + " bytes in all) but the file has " + f.bytes().length + "; " + what + " " + complete
          + " is incomplete");
    }
  }
}
