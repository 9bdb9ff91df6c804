package dev.lawn.train.log;

import java.io.IOException;
import java.nio.file.Path;

/** An events file whose TFRecord framing or checksums do not hold. */
public final class CorruptEventFileException extends IOException {

  private final Path file;
  private final long offset;

  CorruptEventFileException(Path file, long offset, String problem) {
    super(file + " at byte " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  /** The file that failed. */
  public Path file() {
    return file;
  }

  /** Byte offset of the record that failed. */
  public long offset() {
    return offset;
  }
}
