package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.image.IdxReader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An IDX images or labels file (raw, or gzipped before corruption so that corruptions hit the
 * compressed stream) read by {@link IdxReader}. The oracle decodes the header with unsigned 64-bit
 * arithmetic and says whether the file is valid and what it holds.
 */
final class IdxTarget extends SeededTarget {

  /** What is read. */
  enum Kind {
    IMAGES, LABELS
  }

  static final int NUM_CLASSES = 10;
  private static final int COUNT = 5;
  private static final int ROWS = 4;
  private static final int COLS = 3;

  private final Kind kind;
  private final SeedFile seed;

  IdxTarget(String name, Kind kind, boolean gzippedSeed) {
    super(name, List.of(seedFile(kind, gzippedSeed)), Corruptor.forBinary(!gzippedSeed),
        ReferenceBinary.WHOLE_FILE_PROBLEMS);
    this.kind = kind;
    this.seed = seeds().get(0);
  }

  /** The valid file, raw or gzipped, with its boundaries and header fields. */
  private static SeedFile seedFile(Kind kind, boolean gzipped) {
    byte[] b = kind == Kind.IMAGES ? images() : labels();
    String file = kind == Kind.IMAGES ? "train-images-idx3-ubyte" : "train-labels-idx1-ubyte";
    if (gzipped) {
      byte[] z = Bytes.gzip(b);
      // gzip header (10 bytes), deflate data, CRC-32 and length (8 bytes).
      return SeedFile.binary(file + ".gz", z, new int[] {0, 2, 3, 4, 10, z.length - 8, z.length - 4, z.length},
          List.of(new SeedFile.Field(z.length - 4, 4), new SeedFile.Field(z.length - 8, 4)));
    }
    int header = kind == Kind.IMAGES ? 16 : 8;
    int record = kind == Kind.IMAGES ? ROWS * COLS : 1;
    List<Integer> cuts = new ArrayList<>(List.of(0, 2, 3, 4, 8, 12));
    List<SeedFile.Field> fields = new ArrayList<>();
    for (int at = 0; at < header; at += 4) {
      fields.add(new SeedFile.Field(at, 4));
    }
    for (int at = header; at <= b.length; at += record) {
      cuts.add(at);
    }
    return SeedFile.binary(file, b, cuts.stream().mapToInt(Integer::intValue).sorted().distinct().toArray(), fields);
  }

  private static byte[] images() {
    ByteBuffer b = ByteBuffer.allocate(16 + COUNT * ROWS * COLS);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(COUNT).putInt(ROWS).putInt(COLS);
    for (int i = 0; i < COUNT * ROWS * COLS; i++) {
      b.put((byte) (i * 37));
    }
    return b.array();
  }

  private static byte[] labels() {
    ByteBuffer b = ByteBuffer.allocate(8 + 12);
    b.putInt(IdxReader.LABELS_MAGIC).putInt(12);
    for (int i = 0; i < 12; i++) {
      b.put((byte) (i * 7 % NUM_CLASSES));
    }
    return b.array();
  }

  @Override
  public Object read(Path dir) {
    Path file = dir.resolve(seed.name());
    return kind == Kind.IMAGES ? IdxReader.readImages(file) : IdxReader.readLabels(file, NUM_CLASSES);
  }

  /** What a valid file holds, or null when it is invalid. */
  private Object expected(Path dir) {
    byte[] b = ReferenceBinary.data(FuzzFiles.read(dir.resolve(seed.name())));
    int header = kind == Kind.IMAGES ? 16 : 8;
    if (b == null || b.length < header || ReferenceBinary.u32(b, 0) != (kind == Kind.IMAGES ? 0x803 : 0x801)) {
      return null;
    }
    long count = ReferenceBinary.u32(b, 4);
    long rows = kind == Kind.IMAGES ? ReferenceBinary.u32(b, 8) : 1;
    long cols = kind == Kind.IMAGES ? ReferenceBinary.u32(b, 12) : 1;
    // Java arrays hold at most 2^31-1 elements; bounding each factor first keeps the product in a long.
    if (count > Integer.MAX_VALUE || rows == 0 || cols == 0 || rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE
        || rows * cols > Integer.MAX_VALUE) {
      return null;
    }
    long size = rows * cols;
    if (count > (b.length - header) / size) {
      return null;
    }
    if (kind == Kind.LABELS) {
      int[] labels = new int[(int) count];
      for (int i = 0; i < count; i++) {
        labels[i] = b[header + i] & 0xFF;
        if (labels[i] >= NUM_CLASSES) {
          return null;
        }
      }
      return labels;
    }
    float[] pixels = new float[(int) (count * size)];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (b[header + i] & 0xFF) * (1f / 255f);
    }
    return new IdxReader.Images((int) count, (int) rows, (int) cols, pixels);
  }

  @Override
  public void verifyParse(Path dir, Object parsed) {
    Object want = expected(dir);
    assertNotNull(want, "reader accepted a file the reference rejects");
    if (kind == Kind.LABELS) {
      assertArrayEquals((int[]) want, (int[]) parsed);
      return;
    }
    IdxReader.Images w = (IdxReader.Images) want;
    IdxReader.Images p = (IdxReader.Images) parsed;
    assertEquals(w.count(), p.count());
    assertEquals(w.rows(), p.rows());
    assertEquals(w.cols(), p.cols());
    assertArrayEquals(w.pixels(), p.pixels());
  }

  @Override
  public void verifyError(Path dir, DataFormatException e) {
    assertTrue(expected(dir) == null, "the reference accepts the file");
  }
}
