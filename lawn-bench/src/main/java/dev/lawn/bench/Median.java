package dev.lawn.bench;

import java.util.Arrays;
import java.util.Collection;

/** The median of repeated measurements: robust to the odd slow repetition another job causes. */
final class Median {

  private Median() {}

  /**
   * The middle value (the mean of the two middle values for an even count).
   *
   * @throws IllegalArgumentException for no values
   */
  static double of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** {@link #of(double...)} of a collection. */
  static double of(Collection<Double> values) {
    return of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
