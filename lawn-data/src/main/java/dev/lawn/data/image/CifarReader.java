package dev.lawn.data.image;

import java.nio.file.Path;

/**
 * Reads the binary version of CIFAR-10 and CIFAR-100: fixed-size records of label byte(s) then 3072
 * pixel bytes, the 32x32 red plane, then green, then blue. Pixels come out NHWC in [0, 1].
 */
public final class CifarReader {

  /** Image side. */
  public static final int SIDE = 32;
  /** Pixel bytes per record. */
  public static final int PIXELS = SIDE * SIDE * 3;

  private CifarReader() {}

  /** The two layouts. */
  public enum Variant {
    /** One label byte in 0..9. */
    CIFAR10(1, 10),
    /** A coarse label byte (0..19), then the fine label byte in 0..99, which is the one used. */
    CIFAR100(2, 100);

    private final int labelBytes;
    private final int numClasses;

    Variant(int labelBytes, int numClasses) {
      this.labelBytes = labelBytes;
      this.numClasses = numClasses;
    }

    /** Bytes per record. */
    public int recordSize() {
      return labelBytes + PIXELS;
    }

    public int numClasses() {
      return numClasses;
    }
  }

  /** Images and labels of one or more record files. */
  public record Records(float[] images, int[] labels) {}

  /**
   * Reads and concatenates record files.
   *
   * @throws dev.lawn.data.DataFormatException for an empty file, a length that is not a whole number
   *     of records (naming the offset of the truncated record), or a label out of range (naming its
   *     byte offset)
   */
  public static Records read(Variant variant, Path... files) {
    BinaryFile[] data = new BinaryFile[files.length];
    int total = 0;
    for (int k = 0; k < files.length; k++) {
      data[k] = BinaryFile.read(files[k]);
      int length = data[k].bytes().length;
      int rs = variant.recordSize();
      if (length % rs != 0) {
        int whole = length / rs;
        throw data[k].errorAt((long) whole * rs, "truncated record " + whole + ": " + (length - whole * rs) + " of " + rs
            + " bytes (records are " + variant.labelBytes + " label byte(s) + " + PIXELS + " pixel bytes)");
      }
      total = Math.addExact(total, length / rs);
    }
    float[] images = new float[Math.multiplyExact(total, PIXELS)];
    int[] labels = new int[total];
    int n = 0;
    for (BinaryFile f : data) {
      byte[] b = f.bytes();
      int records = b.length / variant.recordSize();
      for (int r = 0; r < records; r++, n++) {
        int base = r * variant.recordSize();
        if (variant == Variant.CIFAR100 && f.u8(base) >= 20) {
          throw f.errorAt(base, "coarse label " + f.u8(base) + " of record " + r + " is outside 0..19");
        }
        int labelAt = base + variant.labelBytes - 1;
        int label = f.u8(labelAt);
        if (label >= variant.numClasses) {
          throw f.errorAt(labelAt, "label " + label + " of record " + r + " is outside 0.." + (variant.numClasses - 1));
        }
        labels[n] = label;
        // Planar (CHW) to interleaved (HWC).
        int px = base + variant.labelBytes;
        int out = n * PIXELS;
        for (int p = 0; p < SIDE * SIDE; p++) {
          images[out + 3 * p] = (b[px + p] & 0xFF) * (1f / 255f);
          images[out + 3 * p + 1] = (b[px + SIDE * SIDE + p] & 0xFF) * (1f / 255f);
          images[out + 3 * p + 2] = (b[px + 2 * SIDE * SIDE + p] & 0xFF) * (1f / 255f);
        }
      }
    }
    return new Records(images, labels);
  }
}
