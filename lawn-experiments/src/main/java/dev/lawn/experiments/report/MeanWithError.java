package dev.lawn.experiments.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * @param integral whether every value was a whole number (a count, an epoch): shown without
 *     decimals where the mean is whole, and with only the decimals it needs otherwise; values that are
 *     all 0 or 1 count as fractions at their bounds, not as whole numbers
 */
public record MeanWithError(int n, double mean, double standardError, boolean integral) {

  /** Validates the count. */
  public MeanWithError {
    if (n < 1) {
      throw new IllegalArgumentException("a mean needs at least one run, got n=" + n);
    }
  }

  /** Statistics of real-valued metrics (shown with four decimals). */
  public MeanWithError(int n, double mean, double standardError) {
    this(n, mean, standardError, false);
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
    boolean integral = true;
    boolean onlyBounds = true; // every value 0 or 1: a fraction at its bounds (HR@10 of a diverged run)
    for (double v : values) {
      integral &= v == Math.rint(v) && Math.abs(v) < 1e15;
      onlyBounds &= v == 0 || v == 1;
    }
    integral &= !onlyBounds; // shown with four decimals, as the fractions beside it
    if (n == 1) {
      return new MeanWithError(1, mean, Double.NaN, integral);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double sampleStd = Math.sqrt(squares / (n - 1));
    return new MeanWithError(n, mean, sampleStd / Math.sqrt(n), integral);
  }

  /** True when there is a standard error (two runs or more). */
  public boolean hasError() {
    return n > 1;
  }

  /**
   * {@code 0.7116 ± 0.0005 (n=3)}, or {@code 0.7116 (n=1, no SE)}; whole numbers as such:
   * {@code 86753 (n=1, no SE)}, {@code 3.5 ± 0.5 (n=2)}.
   */
  public String format() {
    if (!hasError()) {
      return String.format(Locale.ROOT, "%s (n=1, no SE)", text(mean));
    }
    return String.format(Locale.ROOT, "%s ± %s (n=%d)", text(mean), text(standardError), n);
  }

  /** A value in the mean's style: the SE of a tiny mean in exponent form too, else four decimals. */
  private String text(double value) {
    if (!integral || !Double.isFinite(value)) {
      return tiny(mean) ? String.format(Locale.ROOT, "%.3e", value) : String.format(Locale.ROOT, "%.4f", value);
    }
    return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  /**
   * Four decimals: metrics here are fractions, losses or seconds; four significant digits for
   * magnitudes below 0.001 (a learning rate at the end of its decay), which would read 0.0000.
   */
  static String number(double value) {
    return String.format(Locale.ROOT, tiny(value) ? "%.3e" : "%.4f", value);
  }

  private static boolean tiny(double value) {
    return value != 0 && Math.abs(value) < 1e-3;
  }
}
