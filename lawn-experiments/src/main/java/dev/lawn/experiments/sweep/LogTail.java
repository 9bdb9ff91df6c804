package dev.lawn.experiments.sweep;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a (possibly large) log file, for failure reports. */
public final class LogTail {

  /** Bytes read from the end: enough for a stack trace's head. */
  private static final int WINDOW = 16 * 1024;

  private LogTail() {}

  /** Up to {@code count} last lines of {@code file}; empty when it does not exist. */
  public static List<String> last(Path file, int count) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, WINDOW);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
      if (size < length && lines.size() > 1) {
        lines = lines.subList(1, lines.size()); // the first line is cut
      }
      return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
  }
}
