package dev.lawn.tools.report;

import java.util.Locale;

/**
 * Mean and standard error of one metric over the runs (seeds) of a group.
 *
 * <p>The standard error is the sample standard deviation (divisor {@code n - 1}) over
 * {@code sqrt(n)}; it is undefined (NaN) for a single run, and {@link #format} says so.
 *
 * @param n number of runs
 * @param mean arithmetic mean
 * @param standardError {@code s / sqrt(n)}, NaN when {@code n == 1}
 */
public record MeanWithError(int n, double mean, double standardError) {

  /** Validates the count. */
  public MeanWithError {
    if (n < 1) {
      throw new IllegalArgumentException("a mean needs at least one run, got n=" + n);
    }
  }

  /** Computes mean and standard error of the given values (at least one). */
  public static MeanWithError of(double... values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("a mean needs at least one run, got none");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n == 1) {
      return new MeanWithError(1, mean, Double.NaN);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double sampleStd = Math.sqrt(squares / (n - 1));
    return new MeanWithError(n, mean, sampleStd / Math.sqrt(n));
  }

  /** True when there is a standard error (two runs or more). */
  public boolean hasError() {
    return n > 1;
  }

  /** {@code 0.7116 ± 0.0005 (n=3)}, or {@code 0.7116 (n=1, no SE)}. */
  public String format() {
    if (!hasError()) {
      return String.format(Locale.ROOT, "%s (n=1, no SE)", number(mean));
    }
    return String.format(Locale.ROOT, "%s ± %s (n=%d)", number(mean), number(standardError), n);
  }

  /** Four decimals: metrics here are fractions, losses or seconds. */
  static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
