package dev.lawn.tools.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a running process on Linux: resident set size from {@code /proc/<pid>/status}, and the
 * JVM's own accounting from {@code jcmd <pid> VM.native_memory summary} (the child must run with
 * {@code -XX:NativeMemoryTracking=summary}). TensorFlow's allocations (malloc in the native
 * library) are not in the JVM's accounting: RSS minus the JVM's committed total estimates them.
 */
public final class ProcessMemory {

  private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
  private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
  private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

  private ProcessMemory() {}

  /** Resident set size in KiB; empty when the process is gone. */
  public static Optional<Long> rssKiB(long pid) {
    try {
      return rssFromStatus(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    } catch (IOException gone) {
      return Optional.empty();
    }
  }

  static Optional<Long> rssFromStatus(String status) {
    Matcher m = VM_RSS.matcher(status);
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
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

  static Optional<JvmMemory> parseNativeMemorySummary(String text) {
    Matcher total = NMT_TOTAL.matcher(text);
    Matcher heap = NMT_HEAP.matcher(text);
    if (!total.find() || !heap.find()) {
      return Optional.empty();
    }
    return Optional.of(new JvmMemory(Long.parseLong(total.group(2)), Long.parseLong(heap.group(2))));
  }

  /** JVM options the soak's child needs for {@link #jvmMemory}. */
  static List<String> trackingOptions() {
    return List.of("-XX:NativeMemoryTracking=summary");
  }
}
