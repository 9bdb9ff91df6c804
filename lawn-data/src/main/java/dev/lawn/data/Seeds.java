package dev.lawn.data;

/**
 * Derives independent seeds from a base seed and a path of integers (epoch, user, batch, ...), so
 * that every random stream depends only on what it is for, never on how many draws came before.
 */
public final class Seeds {

  private Seeds() {}

  /** A seed for the stream named by {@code parts} under {@code seed}. */
  public static long derive(long seed, long... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : parts) {
      h = mix(h + 0x9E3779B97F4A7C15L + mix(p));
    }
    return h;
  }

  // SplitMix64's finalizer: a bijection with good avalanche, the same mixer SplittableRandom uses.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
