package dev.lawn.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {

  /**
   * Five 2-class rows and 4 bins of width 0.25. Confidences 0.75 and 0.5 sit on bin edges, so a
   * left-closed convention would give a different ECE (0.11 instead of 0.37).
   */
  private static final float[] PROBS = {
    0.9f, 0.1f, // label 0: conf 0.9, right   -> bin 3
    0.2f, 0.8f, // label 0: conf 0.8, wrong   -> bin 3
    0.75f, 0.25f, // label 0: conf 0.75, right -> bin 2 (right-closed)
    0.5f, 0.5f, // label 1: argmax 0, conf 0.5, wrong -> bin 1 (right-closed)
    0.4f, 0.6f, // label 1: conf 0.6, right   -> bin 2
  };
  private static final int[] LABELS = {0, 0, 0, 1, 1};

  @Test
  void eceWithRightClosedBinsByHand() {
    // bin 3: 2/5 * |0.5 - 0.85| = 0.14; bin 2: 2/5 * |1 - 0.675| = 0.13; bin 1: 1/5 * |0 - 0.5| = 0.1
    assertEquals(0.37, Calibration.expectedCalibrationError(PROBS, LABELS, 2, 4), 1e-6);
  }

  @Test
  void accuracyByHand() {
    assertEquals(0.6, Calibration.accuracy(PROBS, LABELS, 2), 1e-15);
  }

  @Test
  void zeroConfidenceJoinsTheFirstBin() {
    assertEquals(1.0, Calibration.expectedCalibrationError(new float[] {0f, 0f}, new int[] {0}, 2, 4));
  }

  @Test
  void confidentAndRightIsPerfectlyCalibrated() {
    float[] probs = {1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f};
    int[] labels = {0, 1, 2};
    assertEquals(0.0, Calibration.expectedCalibrationError(probs, labels, 3));
    assertEquals(1.0, Calibration.accuracy(probs, labels, 3));
  }

  @Test
  void binaryEceByHand() {
    float[] p = {0.9f, 0.2f, 0.5f};
    float[] y = {1f, 0f, 0f};
    // bin 3: {0.9 right, 0.8 right}: 2/3 * 0.15 = 0.1; bin 1: {0.5 wrong}: 1/3 * 0.5
    assertEquals(0.1 + 0.5 / 3, Calibration.expectedCalibrationErrorBinary(p, y, 4), 1e-6);
  }

  @Test
  void nanProbabilityGivesNaN() {
    float[] probs = {Float.NaN, Float.NaN, 0.9f, 0.1f};
    assertTrue(Double.isNaN(Calibration.expectedCalibrationError(probs, new int[] {0, 0}, 2)));
  }

  @Test
  void invalidInputsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Calibration.accuracy(new float[5], new int[2], 2));
    assertThrows(IllegalArgumentException.class, () -> Calibration.accuracy(new float[4], new int[] {0, 2}, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> Calibration.expectedCalibrationError(new float[4], new int[2], 2, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Calibration.expectedCalibrationErrorBinary(new float[2], new float[3], 15));
  }
}
