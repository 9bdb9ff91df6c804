package dev.lawn.data.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The bytes a binary reader should see: gunzipped when the file starts with the gzip magic. */
final class ReferenceBinary {

  /**
   * What a reader of raw-or-gzipped binary files (IDX, CIFAR) may report without an offset: an empty
   * file, an empty gzip stream, or a gzip stream that cannot be inflated.
   */
  static final List<String> WHOLE_FILE_PROBLEMS =
      List.of("file is empty", "gzip stream is empty", "corrupt or truncated gzip data");

  private ReferenceBinary() {}

  /** The data, or null when the gzip stream is corrupt. */
  static byte[] data(byte[] file) {
    if (file.length >= 2 && (file[0] & 0xFF) == 0x1F && (file[1] & 0xFF) == 0x8B) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
        return in.readAllBytes();
      } catch (IOException e) {
        return null;
      }
    }
    return file;
  }

  /** Big-endian unsigned 32-bit value at {@code offset}. */
  static long u32(byte[] b, int offset) {
    return ((long) (b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
        | (b[offset + 3] & 0xFF);
  }
}
