package dev.lawn.experiments.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a process on Linux, this one or a child: resident set size from {@code
 * /proc/<pid>/status} (current {@code VmRSS}, peak {@code VmHWM}), and the JVM's own accounting
 * from {@code jcmd <pid> VM.native_memory summary} (the JVM must run with {@link
 * #trackingOptions()}).
 *
 * <p>RSS is per process: native TensorFlow memory counts, and so does everything the JVM ran
 * before. TensorFlow's allocations (malloc in the native library) are not in the JVM's accounting:
 * RSS minus the JVM's committed total estimates them. Where {@code /proc} is absent or the process
 * is gone, the readings are empty.
 */
public final class ProcessMemory {

  private static final Path SELF_STATUS = Path.of("/proc/self/status");
  private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
  private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

  private ProcessMemory() {}

  /** This process's peak RSS in bytes, or empty where {@code /proc} is absent or unreadable. */
  public static OptionalLong peakBytes() {
    return readSelf("VmHWM");
  }

  /** This process's current RSS in bytes, or empty where {@code /proc} is absent or unreadable. */
  public static OptionalLong residentBytes() {
    return readSelf("VmRSS");
  }

  /** Resident set size of process {@code pid} in KiB; empty when the process is gone. */
  public static Optional<Long> rssKiB(long pid) {
    try {
      return rssFromStatus(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    } catch (IOException gone) {
      return Optional.empty();
    }
  }

  /** The {@code VmRSS} of a status file's text in KiB; empty without one. */
  public static Optional<Long> rssFromStatus(String status) {
    OptionalLong bytes = parse(status, "VmRSS");
    return bytes.isPresent() ? Optional.of(bytes.getAsLong() / 1024) : Optional.empty();
  }

  private static OptionalLong readSelf(String field) {
    try {
      return parse(Files.readString(SELF_STATUS), field);
    } catch (IOException | UnsupportedOperationException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The {@code FIELD:  123456 kB} line of a status file, in bytes; empty without one.
   *
   * @throws IllegalArgumentException if the line's unit is not {@code kB}
   */
  public static OptionalLong parse(String status, String field) {
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

  /**
   * The JVM's committed memory in KiB: everything it tracks, and the Java heap's share.
   *
   * @param totalCommittedKiB all JVM-tracked memory (heap, metaspace, threads, code, GC, NIO buffers...)
   * @param heapCommittedKiB the Java heap
   */
  public record JvmMemory(long totalCommittedKiB, long heapCommittedKiB) {}

  /** The JVM's own accounting via {@code jcmd}; empty when unavailable (no NMT, jcmd missing, gone). */
  public static Optional<JvmMemory> jvmMemory(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
          .redirectErrorStream(true).start();
      p.getOutputStream().close();
      String text = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return parseNativeMemorySummary(text);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The committed totals of a {@code VM.native_memory summary} text; empty without them. */
  public static Optional<JvmMemory> parseNativeMemorySummary(String text) {
    Matcher total = NMT_TOTAL.matcher(text);
    Matcher heap = NMT_HEAP.matcher(text);
    if (!total.find() || !heap.find()) {
      return Optional.empty();
    }
    return Optional.of(new JvmMemory(Long.parseLong(total.group(2)), Long.parseLong(heap.group(2))));
  }

  /** JVM options a child needs for {@link #jvmMemory}. */
  public static List<String> trackingOptions() {
    return List.of("-XX:NativeMemoryTracking=summary");
  }
}
