package dev.lawn.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's resident set size from {@code /proc/self/status} (Linux): the current one
 * ({@code VmRSS}) and the peak ({@code VmHWM}). It is per process: native TensorFlow memory counts,
 * and so does everything the JVM ran before.
 */
final class ProcessMemory {

  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** Peak RSS in bytes, or empty where {@code /proc} is absent or unreadable. */
  static OptionalLong peakBytes() {
    return read("VmHWM");
  }

  /** Current RSS in bytes, or empty where {@code /proc} is absent or unreadable. */
  static OptionalLong residentBytes() {
    return read("VmRSS");
  }

  private static OptionalLong read(String field) {
    try {
      return parse(Files.readString(STATUS), field);
    } catch (IOException | UnsupportedOperationException e) {
      return OptionalLong.empty();
    }
  }

  /** The {@code FIELD:  123456 kB} line of a status file, in bytes; empty without one. */
  static OptionalLong parse(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field + ":")) {
        String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        if (parts.length < 2 || !parts[1].equals("kB")) {
          throw new IllegalArgumentException(field + " in an unknown unit: '" + line + "'");
        }
        return OptionalLong.of(value * 1024);
      }
    }
    return OptionalLong.empty();
  }
}
