package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.image.CifarReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR binary record files read by {@link CifarReader}: two files for CIFAR-10 (as the five
 * training batches are read together), one for CIFAR-100. The oracle checks lengths and labels
 * and converts planar to interleaved pixels independently.
 */
final class CifarTarget extends SeededTarget {

  private final CifarReader.Variant variant;

  CifarTarget(CifarReader.Variant variant) {
    super(variant == CifarReader.Variant.CIFAR10 ? "cifar-10" : "cifar-100", seedFiles(variant),
        Corruptor.forBinary(true), ReferenceBinary.WHOLE_FILE_PROBLEMS);
    this.variant = variant;
  }

  /** The record files of {@code variant}, as the class comment says. */
  private static List<SeedFile> seedFiles(CifarReader.Variant variant) {
    if (variant == CifarReader.Variant.CIFAR10) {
      return List.of(seed(variant, "data_batch_1.bin", 3, 0), seed(variant, "data_batch_2.bin", 2, 3));
    }
    return List.of(seed(variant, "train.bin", 3, 0));
  }

  private static SeedFile seed(CifarReader.Variant variant, String file, int records, int first) {
    int rs = variant.recordSize();
    int labelBytes = rs - CifarReader.PIXELS;
    byte[] b = new byte[records * rs];
    List<Integer> cuts = new ArrayList<>();
    List<SeedFile.Field> labels = new ArrayList<>();
    for (int r = 0; r < records; r++) {
      int base = r * rs;
      for (int k = 0; k < labelBytes; k++) {
        labels.add(new SeedFile.Field(base + k, 1));
      }
      if (labelBytes == 2) {
        b[base] = (byte) ((first + r) * 3 % 20);
      }
      b[base + labelBytes - 1] = (byte) ((first + r) * 7 % variant.numClasses());
      for (int p = 0; p < CifarReader.PIXELS; p++) {
        b[base + labelBytes + p] = (byte) (p * 31 + r * 17);
      }
      for (int at : new int[] {base, base + 1, base + labelBytes, base + labelBytes + 1024, base + labelBytes + 2048}) {
        cuts.add(at);
      }
    }
    cuts.add(b.length);
    return SeedFile.binary(file, b, cuts.stream().mapToInt(Integer::intValue).toArray(), labels);
  }

  @Override
  public Object read(Path dir) {
    return CifarReader.read(variant, seeds().stream().map(s -> dir.resolve(s.name())).toArray(Path[]::new));
  }

  /** Images and labels of valid files, or null when a file is invalid. */
  private CifarReader.Records expected(Path dir) {
    int rs = variant.recordSize();
    int labelBytes = rs - CifarReader.PIXELS;
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    List<float[]> images = new ArrayList<>();
    for (SeedFile s : seeds()) {
      byte[] b = ReferenceBinary.data(FuzzFiles.read(dir.resolve(s.name())));
      if (b == null || b.length == 0 || b.length % rs != 0) {
        return null;
      }
      for (int base = 0; base < b.length; base += rs) {
        int fine = b[base + labelBytes - 1] & 0xFF;
        if (fine >= variant.numClasses() || (labelBytes == 2 && (b[base] & 0xFF) >= 20)) {
          return null;
        }
        labels.write(fine);
        float[] img = new float[CifarReader.PIXELS];
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            for (int c = 0; c < 3; c++) {
              img[(y * 32 + x) * 3 + c] = (b[base + labelBytes + c * 1024 + y * 32 + x] & 0xFF) / 255f;
            }
          }
        }
        images.add(img);
      }
    }
    float[] all = new float[images.size() * CifarReader.PIXELS];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, all, i * CifarReader.PIXELS, CifarReader.PIXELS);
    }
    byte[] l = labels.toByteArray();
    int[] li = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      li[i] = l[i] & 0xFF;
    }
    return new CifarReader.Records(all, li);
  }

  @Override
  public void verifyParse(Path dir, Object parsed) {
    CifarReader.Records want = expected(dir);
    assertNotNull(want, "reader accepted a file the reference rejects");
    CifarReader.Records got = (CifarReader.Records) parsed;
    assertArrayEquals(want.labels(), got.labels());
    float[] a = want.images();
    float[] g = got.images();
    assertTrue(a.length == g.length, "pixel count");
    for (int i = 0; i < a.length; i++) {
      // (b/255f) and b*(1f/255f) may differ in the last bit.
      assertTrue(Math.abs(a[i] - g[i]) <= 1e-6f, "pixel " + i);
    }
  }

  @Override
  public void verifyError(Path dir, DataFormatException e) {
    assertTrue(expected(dir) == null, "the reference accepts the files");
  }
}
