package dev.lawn.train.metrics;

/**
 * Accuracy and expected calibration error (Guo et al., "On Calibration of Modern Neural
 * Networks", 2017) of predicted class probabilities.
 *
 * <p>ECE uses {@code M} equal-width bins on the confidence {@code c} (the largest probability):
 * bin {@code b} (0-based) holds {@code b/M < c <= (b+1)/M}, i.e. bins are right-closed, and the
 * first bin also holds {@code c = 0}. Then {@code ECE = sum_b |B_b|/N * |acc(B_b) - conf(B_b)|}.
 * The predicted class is the first index of the largest probability. A NaN probability makes the
 * result NaN (as numpy would), since a model that emits NaN has no meaningful calibration.
 */
public final class Calibration {

  /** Number of bins used when none is given (as in Guo et al.). */
  public static final int DEFAULT_BINS = 15;

  private Calibration() {}

  /** ECE with {@link #DEFAULT_BINS} bins; see {@link #expectedCalibrationError(float[], int[], int, int)}. */
  public static double expectedCalibrationError(float[] probs, int[] labels, int classes) {
    return expectedCalibrationError(probs, labels, classes, DEFAULT_BINS);
  }

  /**
   * Expected calibration error of multi-class predictions.
   *
   * @param probs row-major {@code [N, K]} class probabilities
   * @param labels {@code [N]} true classes in [0, K)
   * @param classes K
   * @param bins M, at least 1
   */
  public static double expectedCalibrationError(float[] probs, int[] labels, int classes, int bins) {
    checkShapes(probs, labels, classes);
    BinTotals totals = new BinTotals(bins);
    for (int i = 0; i < labels.length; i++) {
      int predicted = argMax(probs, i * classes, classes);
      totals.add(probs[i * classes + predicted], predicted == labels[i]);
    }
    return totals.ece();
  }

  /**
   * Expected calibration error of binary predictions {@code p = P(y = 1)}: the prediction is 1 when
   * {@code p >= 0.5} and the confidence is {@code max(p, 1 - p)}.
   *
   * @param probs {@code [N]} probabilities of the positive class
   * @param labels {@code [N]} true labels, 0 or 1
   * @param bins M, at least 1
   */
  public static double expectedCalibrationErrorBinary(float[] probs, float[] labels, int bins) {
    if (probs.length != labels.length || probs.length == 0) {
      throw new IllegalArgumentException(
          "probs (" + probs.length + ") and labels (" + labels.length + ") must have one equal, positive length");
    }
    BinTotals totals = new BinTotals(bins);
    for (int i = 0; i < probs.length; i++) {
      boolean predictedPositive = probs[i] >= 0.5f;
      double confidence = predictedPositive ? probs[i] : 1.0 - probs[i];
      totals.add(confidence, predictedPositive == (labels[i] == 1f));
    }
    return totals.ece();
  }

  /**
   * Share of rows whose largest probability is at the true class.
   *
   * @param probs row-major {@code [N, K]} class probabilities (or any scores: only the argmax is used)
   */
  public static double accuracy(float[] probs, int[] labels, int classes) {
    checkShapes(probs, labels, classes);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (argMax(probs, i * classes, classes) == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  private static int argMax(float[] values, int offset, int length) {
    int best = 0;
    for (int k = 1; k < length; k++) {
      if (values[offset + k] > values[offset + best]) {
        best = k;
      }
    }
    return best;
  }

  private static void checkShapes(float[] probs, int[] labels, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes);
    }
    if (labels.length == 0 || probs.length != (long) labels.length * classes) {
      throw new IllegalArgumentException(
          "probs length " + probs.length + " != labels (" + labels.length + ") x classes (" + classes + ")");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at index " + i + " is outside [0, " + classes + ")");
      }
    }
  }

  /** Per-bin counts, confidence sums and correct counts. */
  private static final class BinTotals {
    private final int bins;
    private final long[] count;
    private final double[] confidenceSum;
    private final long[] correct;
    private long total;
    private boolean sawNaN;

    BinTotals(int bins) {
      if (bins < 1) {
        throw new IllegalArgumentException("bins must be at least 1, got " + bins);
      }
      this.bins = bins;
      this.count = new long[bins];
      this.confidenceSum = new double[bins];
      this.correct = new long[bins];
    }

    void add(double confidence, boolean isCorrect) {
      total++;
      if (Double.isNaN(confidence)) {
        sawNaN = true;
        return;
      }
      // Right-closed bins: ceil(c * M) - 1, with c = 0 joining the first bin.
      int bin = (int) Math.ceil(confidence * bins) - 1;
      bin = Math.max(0, Math.min(bins - 1, bin));
      count[bin]++;
      confidenceSum[bin] += confidence;
      if (isCorrect) {
        correct[bin]++;
      }
    }

    double ece() {
      if (sawNaN) {
        return Double.NaN;
      }
      // |B|/N * |acc - conf| = |correct - confidenceSum| / N.
      double sum = 0;
      for (int b = 0; b < bins; b++) {
        if (count[b] > 0) {
          sum += Math.abs(correct[b] - confidenceSum[b]);
        }
      }
      return sum / total;
    }
  }
}
