package dev.lawn.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanWithErrorTest {

  @Test
  void standardErrorIsSampleStdOverSqrtN() {
    // mean 0.72; deviations -0.02, 0, 0.02 -> s^2 = 0.0008/2 = 0.0004, s = 0.02, SE = 0.02/sqrt(3)
    MeanWithError stats = MeanWithError.of(0.70, 0.72, 0.74);
    assertEquals(3, stats.n());
    assertEquals(0.72, stats.mean(), 1e-12);
    assertEquals(0.02 / Math.sqrt(3), stats.standardError(), 1e-12);
    assertEquals("0.7200 ± 0.0115 (n=3)", stats.format());
  }

  @Test
  void singleRunHasNoStandardErrorAndSaysSo() {
    MeanWithError stats = MeanWithError.of(0.65);
    assertFalse(stats.hasError());
    assertTrue(Double.isNaN(stats.standardError()));
    assertEquals("0.6500 (n=1, no SE)", stats.format());
  }

  @Test
  void twoEqualRunsHaveZeroError() {
    MeanWithError stats = MeanWithError.of(0.5, 0.5);
    assertEquals(0.0, stats.standardError());
  }

  @Test
  void wholeNumbersShowWithoutDecimalsButZerosAndOnesAsFractions() {
    assertEquals("86753 (n=1, no SE)", MeanWithError.of(86753).format());
    assertEquals("3.5 ± 0.5 (n=2)", MeanWithError.of(3, 4).format());
    assertEquals("0.0000 ± 0.0000 (n=3)", MeanWithError.of(0, 0, 0).format(), "HR@10 of three diverged runs");
    assertEquals("1.0000 (n=1, no SE)", MeanWithError.of(1).format());
    assertEquals("0.5000 ± 0.5000 (n=2)", MeanWithError.of(0, 1).format());
  }

  @Test
  void rejectsNoRuns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, MeanWithError::of);
    assertTrue(e.getMessage().contains("at least one run"));
    assertThrows(IllegalArgumentException.class, () -> new MeanWithError(0, 1, 1));
  }
}
