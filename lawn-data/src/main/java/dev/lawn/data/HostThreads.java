package dev.lawn.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * How many threads the input pipeline's work on the host may use at once: decoding JPEG files and
 * transforming images (augmentations, centre crops). {@link #ALL_CORES} (the default) uses every core;
 * a fixed count keeps a run to its share of the machine, so that runs side by side (a sweep with
 * {@code parallel: 2} on two cores, each with {@code --threads 1}) do not each spread over every core.
 *
 * <p>The work is split by image, and every random choice is drawn before it is split, so the
 * result does not depend on the count.
 *
 * @param count threads at most; 0 for every core
 */
public record HostThreads(int count) {

  /** Every core of the machine (the common fork-join pool). */
  public static final HostThreads ALL_CORES = new HostThreads(0);

  /** One pool per fixed count, shared by every pipeline that asks for that count (daemon threads). */
  private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

  public HostThreads {
    if (count < 0) {
      throw new IllegalArgumentException("host threads must be >= 0 (0: every core), got " + count);
    }
  }

  /** {@code count} threads, or every core for 0 (as {@code --threads} reads). */
  public static HostThreads of(int count) {
    return count == 0 ? ALL_CORES : new HostThreads(count);
  }

  /** The number of threads the work may take: {@link #count}, or the cores available for 0. */
  public int resolved() {
    return count > 0 ? count : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs {@code body} for {@code 0 <= i < n}, on at most {@link #resolved} threads (the calling
   * thread alone for one thread or one item) and returns when all are done. An exception of the body
   * is rethrown here.
   */
  public void forEach(int n, IntConsumer body) {
    if (n < 2 || resolved() == 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
    } else if (count == 0) {
      IntStream.range(0, n).parallel().forEach(body);
    } else {
      // A parallel stream started inside a fork-join pool runs its tasks in that pool.
      POOLS.computeIfAbsent(count, ForkJoinPool::new)
          .submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
    }
  }
}
