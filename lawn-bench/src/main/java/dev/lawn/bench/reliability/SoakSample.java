package dev.lawn.bench.reliability;

/**
 * One memory sample of the soak's child.
 *
 * @param seconds since the child started
 * @param rssKiB resident set size
 * @param jvmCommittedKiB the JVM's own committed memory (NMT total), or -1 when not sampled
 * @param heapCommittedKiB the Java heap's committed memory, or -1 when not sampled
 */
public record SoakSample(double seconds, long rssKiB, long jvmCommittedKiB, long heapCommittedKiB) {

  /** Whether the JVM's accounting was sampled too. */
  public boolean hasJvmMemory() {
    return jvmCommittedKiB >= 0;
  }

  /** RSS outside the JVM's accounting (TensorFlow's native allocations, malloc arenas), or -1. */
  public long outsideJvmKiB() {
    return hasJvmMemory() ? rssKiB - jvmCommittedKiB : -1;
  }
}
