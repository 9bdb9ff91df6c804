package dev.lawn.train.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void matchesNumpyLinearInterpolation() {
    // numpy.percentile([3, 1, 4, 2], [10, 50, 90]) == [1.3, 2.5, 3.7]
    float[] values = {3f, 1f, 4f, 2f};
    Percentiles.Summary s = Percentiles.summary(values);
    assertEquals(1.3, s.p10(), 1e-12);
    assertEquals(2.5, s.p50(), 1e-12);
    assertEquals(3.7, s.p90(), 1e-12);
    assertArrayEquals(new float[] {3f, 1f, 4f, 2f}, values, "input must not be reordered");
  }

  @Test
  void matchesNumpyOnAnOddSample() {
    // numpy.percentile([0.5, -1.25, 7, 2.5, 3, -0.75, 10], [10, 50, 90, 33.3])
    float[] values = {0.5f, -1.25f, 7f, 2.5f, 3f, -0.75f, 10f};
    assertEquals(-0.95, Percentiles.percentile(values, 10), 1e-12);
    assertEquals(2.5, Percentiles.percentile(values, 50), 1e-12);
    assertEquals(8.2, Percentiles.percentile(values, 90), 1e-12);
    assertEquals(0.4975, Percentiles.percentile(values, 33.3), 1e-12);
    assertEquals(-1.25, Percentiles.percentile(values, 0));
    assertEquals(10.0, Percentiles.percentile(values, 100));
  }

  @Test
  void singleValueAndNaN() {
    assertEquals(4.0, Percentiles.percentile(new float[] {4f}, 90));
    assertTrue(Double.isNaN(Percentiles.summary(new float[] {1f, Float.NaN}).p10()));
  }

  @Test
  void invalidInputsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Percentiles.summary(new float[0]));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(new float[] {1f}, 101));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(new float[] {1f}, Double.NaN));
  }
}
