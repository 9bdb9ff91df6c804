package dev.lawn.bench;

import java.util.Locale;

/** Number formats of the bench tables (one place, so every table reads alike). */
final class Format {

  private Format() {}

  /** Milliseconds with three decimals. */
  static String ms(double ms) {
    return Double.isFinite(ms) ? String.format(Locale.ROOT, "%.3f", ms) : "n/a";
  }

  /** A ratio such as {@code 1.032x}. */
  static String ratio(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.3fx", ratio) : "n/a";
  }

  /** A rate with thousands separators, such as {@code 412,345}. */
  static String rate(double perSecond) {
    return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%,.0f", perSecond) : "n/a";
  }

  /** A fraction as a percentage with one decimal, such as {@code 2.4 %}. */
  static String percent(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f %%", 100 * fraction) : "n/a";
  }

  /** Bytes as MiB. */
  static String mib(double bytes) {
    return Double.isFinite(bytes) && bytes > 0 ? String.format(Locale.ROOT, "%,.0f MiB", bytes / (1 << 20)) : "n/a";
  }

  /** Microseconds with two decimals. */
  static String micros(double us) {
    return Double.isFinite(us) ? String.format(Locale.ROOT, "%.2f", us) : "n/a";
  }

  /** Seconds with two decimals. */
  static String seconds(double s) {
    return Double.isFinite(s) ? String.format(Locale.ROOT, "%.2f s", s) : "n/a";
  }
}
