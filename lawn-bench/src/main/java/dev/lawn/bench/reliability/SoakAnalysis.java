package dev.lawn.bench.reliability;

import java.util.List;

/**
 * Whether a soak's RSS stayed flat after warm-up: the baseline is the mean of the first tenth of
 * the post-warm-up samples; every later sample must stay within {@code tolerance} of it. The
 * least-squares slope over the post-warm-up samples gives the growth rate.
 *
 * @param samples all samples
 * @param warmupSamples samples left out as warm-up
 * @param baseMiB the post-warm-up baseline
 * @param minMiB smallest post-warm-up RSS
 * @param maxMiB largest post-warm-up RSS
 * @param maxDeviation largest |RSS - baseline| / baseline after warm-up
 * @param slopeMiBPerHour fitted growth after warm-up
 * @param tolerance the allowed deviation (0.05 = +-5 %)
 */
public record SoakAnalysis(int samples, int warmupSamples, double baseMiB, double minMiB, double maxMiB,
    double maxDeviation, double slopeMiBPerHour, double tolerance) {

  /**
   * @param warmupFraction share of the run's duration treated as warm-up, in [0, 1)
   * @throws IllegalArgumentException when fewer than three samples remain after warm-up
   */
  public static SoakAnalysis of(List<SoakSample> samples, double warmupFraction, double tolerance) {
    if (warmupFraction < 0 || warmupFraction >= 1) {
      throw new IllegalArgumentException("warmupFraction must be in [0, 1), got " + warmupFraction);
    }
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double end = samples.get(samples.size() - 1).seconds();
    List<SoakSample> post = samples.stream().filter(s -> s.seconds() >= warmupFraction * end).toList();
    if (post.size() < 3) {
      throw new IllegalArgumentException("only " + post.size() + " samples after warm-up: sample more often or run longer");
    }
    int head = Math.max(1, post.size() / 10);
    double base = post.subList(0, head).stream().mapToDouble(s -> mib(s.rssKiB())).average().orElseThrow();
    double[] xs = post.stream().mapToDouble(s -> s.seconds() / 3600).toArray();
    double[] ys = post.stream().mapToDouble(s -> mib(s.rssKiB())).toArray();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double deviation = 0;
    for (double y : ys) {
      min = Math.min(min, y);
      max = Math.max(max, y);
      deviation = Math.max(deviation, Math.abs(y - base) / base);
    }
    return new SoakAnalysis(samples.size(), samples.size() - post.size(), base, min, max, deviation,
        LinearFit.of(xs, ys).slope(), tolerance);
  }

  /** Whether every post-warm-up sample stayed within the tolerance. */
  public boolean flat() {
    return maxDeviation <= tolerance;
  }

  static double mib(long kib) {
    return kib / 1024.0;
  }
}
