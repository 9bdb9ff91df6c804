package dev.lawn.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's peak resident set size, {@code VmHWM} of {@code /proc/self/status} (Linux). It is
 * per process: native TensorFlow memory counts, and so does everything the JVM ran before.
 */
final class PeakRss {

  private static final Path STATUS = Path.of("/proc/self/status");

  private PeakRss() {}

  /** Peak RSS in bytes, or empty where {@code /proc} is absent or unreadable. */
  static OptionalLong bytes() {
    try {
      return parse(Files.readString(STATUS));
    } catch (IOException | UnsupportedOperationException e) {
      return OptionalLong.empty();
    }
  }

  /** The {@code VmHWM:  123456 kB} line of a status file, in bytes; empty without one. */
  static OptionalLong parse(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        if (parts.length < 2 || !parts[1].equals("kB")) {
          throw new IllegalArgumentException("VmHWM in an unknown unit: '" + line + "'");
        }
        return OptionalLong.of(value * 1024);
      }
    }
    return OptionalLong.empty();
  }
}
