package dev.lawn.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Bad input in a data file. The message always names the file and, where one applies, the 1-based
 * line or the 0-based byte offset, so that a user can open the file at the right place.
 *
 * <p>Unchecked on purpose: a malformed data set is not something a trainer can recover from, and
 * the readers are called from pipeline threads where checked exceptions would only be wrapped.
 */
public final class DataFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final long byteOffset;

  private DataFormatException(Path file, long line, long byteOffset, String message, Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.byteOffset = byteOffset;
  }

  /** A problem at a 1-based line of a text file. */
  public static DataFormatException atLine(Path file, long line, String problem) {
    return new DataFormatException(file, line, -1, file + ":" + line + ": " + problem, null);
  }

  /**
   * A problem at a 0-based byte offset of a binary file (of the decompressed stream for a gzip
   * file, which the message then says).
   */
  public static DataFormatException atOffset(Path file, long byteOffset, String problem) {
    return new DataFormatException(
        file, -1, byteOffset, file + " at byte offset " + byteOffset + ": " + problem, null);
  }

  /** A problem with a file as a whole (empty, unreadable, inconsistent with its companions). */
  public static DataFormatException inFile(Path file, String problem) {
    return new DataFormatException(file, -1, -1, file + ": " + problem, null);
  }

  /** A problem with a file as a whole, caused by another exception (an I/O or decoding error). */
  public static DataFormatException inFile(Path file, String problem, Throwable cause) {
    return new DataFormatException(file, -1, -1, file + ": " + problem, cause);
  }

  /** The offending file. */
  public Path file() {
    return file;
  }

  /** The 1-based line of a text file, when the problem has one. */
  public OptionalLong line() {
    return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
  }

  /** The 0-based byte offset in a binary file, when the problem has one. */
  public OptionalLong byteOffset() {
    return byteOffset >= 0 ? OptionalLong.of(byteOffset) : OptionalLong.empty();
  }
}
