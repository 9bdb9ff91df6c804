package dev.lawn.train.metrics;

import java.util.Arrays;

/**
 * Percentiles of a sample with linear interpolation between order statistics, the default
 * ({@code method="linear"}) of {@code numpy.percentile}: for {@code p} in [0, 100] and sorted
 * values {@code a[0..n)}, position {@code h = p/100 (n - 1)} gives {@code a[floor h] + (h - floor h)
 * (a[floor h + 1] - a[floor h])}. As in numpy, any NaN in the sample makes every percentile NaN.
 */
public final class Percentiles {

  /**
   * The 10th, 50th and 90th percentiles, as reported for margin distributions.
   *
   * @param p10 10th percentile
   * @param p50 median
   * @param p90 90th percentile
   */
  public record Summary(double p10, double p50, double p90) {}

  private Percentiles() {}

  /** p10, p50 and p90 of {@code values} (sorted once). */
  public static Summary summary(float[] values) {
    double[] sorted = sortedCopy(values);
    return new Summary(at(sorted, 10), at(sorted, 50), at(sorted, 90));
  }

  /**
   * One percentile.
   *
   * @param values non-empty sample (not modified)
   * @param p percentile in [0, 100]
   */
  public static double percentile(float[] values, double p) {
    return at(sortedCopy(values), p);
  }

  private static double[] sortedCopy(float[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("cannot take percentiles of an empty sample");
    }
    double[] sorted = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      sorted[i] = values[i];
    }
    Arrays.sort(sorted); // NaN sorts last
    return sorted;
  }

  private static double at(double[] sorted, double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
    }
    if (Double.isNaN(sorted[sorted.length - 1])) {
      return Double.NaN;
    }
    double h = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double t = h - lo;
    double a = sorted[lo];
    double b = sorted[hi];
    // numpy's _lerp: interpolate from the nearer end so that t = 1 returns b exactly.
    return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
  }
}
