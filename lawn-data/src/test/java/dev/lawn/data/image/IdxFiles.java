package dev.lawn.data.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files in the real format, for tests. */
final class IdxFiles {

  private IdxFiles() {}

  static byte[] images(int count, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
    for (int i = 0; i < count * rows * cols; i++) {
      b.put((byte) (i % 256));
    }
    return b.array();
  }

  static byte[] labels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
    for (int l : labels) {
      b.put((byte) l);
    }
    return b.array();
  }

  static Path write(Path file, byte[] bytes, boolean gzip) throws IOException {
    if (gzip) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (OutputStream z = new GZIPOutputStream(out)) {
        z.write(bytes);
      }
      bytes = out.toByteArray();
    }
    Files.write(file, bytes);
    return file;
  }
}
