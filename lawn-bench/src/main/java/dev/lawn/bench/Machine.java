package dev.lawn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a figure was measured on: CPU model, processors, and the load average (other people's jobs
 * share the machine, so every figure is printed next to the load it was taken under).
 */
record Machine(String cpuModel, int processors, String javaVersion) {

  /** This machine. */
  static Machine current() {
    return new Machine(cpuModel(read(Path.of("/proc/cpuinfo"))), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
  }

  /** The 1, 5 and 15 minute load averages as {@code /proc/loadavg} gives them, or "unknown". */
  static String loadAverage() {
    String text = read(Path.of("/proc/loadavg"));
    String[] parts = text.trim().split("\\s+");
    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
  }

  /** The first {@code model name} of a cpuinfo text, or "unknown". */
  static String cpuModel(String cpuinfo) {
    for (String line : cpuinfo.split("\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
        int colon = line.indexOf(':');
        if (colon >= 0) {
          return line.substring(colon + 1).trim();
        }
      }
    }
    return "unknown";
  }

  /** One line for a report. */
  String describe() {
    return cpuModel + ", " + processors + " processors, Java " + javaVersion;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
