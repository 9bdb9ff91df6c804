package dev.lawn.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this process, all threads (TensorFlow's pools, the input pipeline's thread). Less
 * sensitive than wall time to other people's jobs on a shared machine: a figure that waits for a
 * core does not count the wait. (TensorFlow's idle pool threads spin briefly, which counts.)
 */
final class ProcessCpu {

  private ProcessCpu() {}

  /** Process CPU nanoseconds so far, or -1 where the JVM cannot tell. */
  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Seconds between two {@link #nanos()} readings, NaN if either is unknown. */
  static double seconds(long from, long to) {
    return from < 0 || to < 0 ? Double.NaN : (to - from) / 1e9;
  }
}
