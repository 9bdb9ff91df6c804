package dev.lawn.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each loss against its float64 reference in {@link ReferenceLosses}: per-example values, the
 * batch mean, and the gradient of the mean w.r.t. the logits from {@code tf.gradients}.
 */
class LossesAgreeWithReferenceTest {

  private static final int BATCH = 64;
  private static final int CLASSES = 10;
  /** Mixed tolerance: 1e-5 relative, plus an absolute floor for values near zero. */
  private static final double REL = 1e-5;
  private static final double VALUE_ABS = 1e-6;
  /** Gradients of the mean are O(1/B); the floor is relative to that scale. */
  private static final double GRAD_ABS = 1e-7;

  private final Random random = new Random(20261129);

  private static double maxRelativeError;
  private static double maxAbsoluteErrorNearZero;

  @AfterAll
  static void reportErrors() {
    System.out.printf(
        "loss/gradient vs float64 reference: max relative error %.2e (|ref| >= 1e-2), "
            + "max absolute error %.2e (|ref| < 1e-2)%n",
        maxRelativeError, maxAbsoluteErrorNearZero);
  }

  @Test
  void binaryCrossEntropyMatchesReferenceAndAnalyticGradient() {
    float[] z = binaryLogits();
    float[] y = binaryLabels();
    for (double eps : new double[] {0.0, 0.1}) {
      LossGraph.Evaluation e =
          LossGraph.evaluate(new SigmoidBinaryCrossEntropy(eps), z, BATCH, 0, y);
      double[] expected = new double[BATCH];
      double[] expectedGrad = new double[BATCH];
      for (int i = 0; i < BATCH; i++) {
        expected[i] = ReferenceLosses.bce(z[i], y[i], eps);
        double target = y[i] * (1 - eps) + eps / 2;
        expectedGrad[i] = (ReferenceLosses.sigmoid(z[i]) - target) / BATCH;
      }
      assertValues(expected, e, "bce eps=" + eps);
      assertGradient(expectedGrad, e.gradient(), "bce eps=" + eps);
    }
  }

  @Test
  void binaryCrossEntropyGradientAtZeroLogitIsHalfMinusLabel() {
    // The max(z,0)-form would give 1 - y here: a zero-initialised output layer starts at z = 0.
    float[] z = {0f, 0f};
    float[] y = {1f, 0f};
    LossGraph.Evaluation e = LossGraph.evaluate(new SigmoidBinaryCrossEntropy(), z, 2, 0, y);
    assertEquals(-0.25, e.gradient()[0], 1e-7);
    assertEquals(0.25, e.gradient()[1], 1e-7);
    assertEquals(Math.log(2), e.perExample()[0], 1e-7);
  }

  @Test
  void softmaxCrossEntropyMatchesReferenceAndAnalyticGradient() {
    float[] z = multiLogits(3.0);
    int[] y = classLabels();
    for (double eps : new double[] {0.0, 0.2}) {
      LossGraph.Evaluation e =
          LossGraph.evaluate(new SoftmaxCrossEntropy(eps), z, BATCH, CLASSES, y);
      double[] expected = new double[BATCH];
      double[] expectedGrad = new double[BATCH * CLASSES];
      for (int i = 0; i < BATCH; i++) {
        double[] row = row(z, i);
        expected[i] = ReferenceLosses.softmaxCe(row, y[i], eps);
        double[] p = ReferenceLosses.softmax(row);
        for (int k = 0; k < CLASSES; k++) {
          double q = (k == y[i] ? 1 - eps : 0) + eps / CLASSES;
          expectedGrad[i * CLASSES + k] = (p[k] - q) / BATCH;
        }
      }
      assertValues(expected, e, "softmax-ce eps=" + eps);
      assertGradient(expectedGrad, e.gradient(), "softmax-ce eps=" + eps);
    }
  }

  @Test
  void binaryFocalMatchesReferenceAndFiniteDifferenceGradient() {
    float[] z = binaryLogits();
    float[] y = binaryLabels();
    for (double gamma : new double[] {0.5, 2.0}) {
      LossGraph.Evaluation e = LossGraph.evaluate(new FocalLoss(gamma), z, BATCH, 0, y);
      double[] expected = new double[BATCH];
      double[] expectedGrad = new double[BATCH];
      for (int i = 0; i < BATCH; i++) {
        double label = y[i];
        DoubleUnaryOperator f = v -> ReferenceLosses.focalBinary(v, label, gamma);
        expected[i] = f.applyAsDouble(z[i]);
        expectedGrad[i] = centralDifference(f, z[i]) / BATCH;
      }
      assertValues(expected, e, "focal binary gamma=" + gamma);
      assertGradient(expectedGrad, e.gradient(), "focal binary gamma=" + gamma);
    }
  }

  @Test
  void multiClassFocalMatchesReferenceAndFiniteDifferenceGradient() {
    float[] z = multiLogits(3.0);
    int[] y = classLabels();
    for (double gamma : new double[] {0.5, 2.0}) {
      LossGraph.Evaluation e = LossGraph.evaluate(new FocalLoss(gamma), z, BATCH, CLASSES, y);
      double[] expected = new double[BATCH];
      double[] expectedGrad = new double[BATCH * CLASSES];
      for (int i = 0; i < BATCH; i++) {
        double[] row = row(z, i);
        int label = y[i];
        expected[i] = ReferenceLosses.focalMulti(row, label, gamma);
        for (int k = 0; k < CLASSES; k++) {
          int col = k;
          DoubleUnaryOperator f =
              v -> {
                double[] r = row.clone();
                r[col] = v;
                return ReferenceLosses.focalMulti(r, label, gamma);
              };
          expectedGrad[i * CLASSES + k] = centralDifference(f, row[k]) / BATCH;
        }
      }
      assertValues(expected, e, "focal multi gamma=" + gamma);
      assertGradient(expectedGrad, e.gradient(), "focal multi gamma=" + gamma);
    }
  }

  @Test
  void focalWithGammaZeroIsCrossEntropy() {
    float[] zb = binaryLogits();
    float[] yb = binaryLabels();
    assertSame(
        LossGraph.evaluate(new SigmoidBinaryCrossEntropy(), zb, BATCH, 0, yb),
        LossGraph.evaluate(new FocalLoss(0), zb, BATCH, 0, yb));
    float[] zm = multiLogits(3.0);
    int[] ym = classLabels();
    assertSame(
        LossGraph.evaluate(new SoftmaxCrossEntropy(), zm, BATCH, CLASSES, ym),
        LossGraph.evaluate(new FocalLoss(0), zm, BATCH, CLASSES, ym));
  }

  @Test
  void confidentLogitsGiveFiniteLossesAndGradients() {
    // p_t rounds to exactly 1 (or 0) in float32: the log-space forms must not produce NaN or inf.
    float[] zm = new float[4 * CLASSES];
    int[] ym = {0, 1, 2, 3};
    for (int i = 0; i < 4; i++) {
      zm[i * CLASSES + (i < 2 ? ym[i] : (ym[i] + 1) % CLASSES)] = 200f;
    }
    float[] zb = {200f, -200f, 200f, -200f};
    float[] yb = {1f, 0f, 0f, 1f};
    for (Loss loss : new Loss[] {new FocalLoss(2), new SoftmaxCrossEntropy(0.1)}) {
      LossGraph.Evaluation e = LossGraph.evaluate(loss, zm, 4, CLASSES, ym);
      assertAllFinite(e, loss.name() + " multi");
      for (int i = 0; i < 4; i++) {
        double expected =
            loss instanceof FocalLoss
                ? ReferenceLosses.focalMulti(row(zm, i), ym[i], 2)
                : ReferenceLosses.softmaxCe(row(zm, i), ym[i], 0.1);
        assertClose(expected, e.perExample()[i], VALUE_ABS, loss.name() + " row " + i);
      }
      assertTrue(e.perExample()[2] > 100, loss.name() + " confident wrong");
    }
    for (Loss loss : new Loss[] {new FocalLoss(2), new SigmoidBinaryCrossEntropy(0.1)}) {
      LossGraph.Evaluation e = LossGraph.evaluate(loss, zb, 4, 0, yb);
      assertAllFinite(e, loss.name() + " binary");
      assertTrue(e.perExample()[2] > 100, loss.name() + " confident wrong");
    }
  }

  @Test
  void marginsMatchReference() {
    float[] zm = multiLogits(3.0);
    int[] ym = classLabels();
    float[] margins =
        LossGraph.perExample((tf, in) -> Margins.of(tf, in.logits(), in.labels()), zm, BATCH, CLASSES, ym);
    for (int i = 0; i < BATCH; i++) {
      assertEquals(ReferenceLosses.marginMulti(row(zm, i), ym[i]), margins[i], 1e-5, "row " + i);
    }
    float[] zb = binaryLogits();
    float[] yb = binaryLabels();
    float[] binary =
        LossGraph.perExample((tf, in) -> Margins.of(tf, in.logits(), in.labels()), zb, BATCH, 0, yb);
    for (int i = 0; i < BATCH; i++) {
      assertEquals(ReferenceLosses.marginBinary(zb[i], yb[i]), binary[i], 0.0, "row " + i);
    }
  }

  @Test
  void marginOfHandPickedRows() {
    float[] z = {1f, 3f, 2f, /* */ 5f, 5f, -1f};
    int[] y = {1, 0};
    float[] m =
        LossGraph.perExample((tf, in) -> Margins.of(tf, in.logits(), in.labels()), z, 2, 3, y);
    assertEquals(1f, m[0]); // 3 - max(1, 2)
    assertEquals(0f, m[1]); // tie with another class: margin 0, not positive
  }

  // ---- helpers

  private float[] binaryLogits() {
    float[] z = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      z[i] = (float) (random.nextGaussian() * 4);
    }
    z[0] = 0f;
    z[1] = 25f;
    z[2] = -25f;
    return z;
  }

  private float[] binaryLabels() {
    float[] y = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      y[i] = random.nextBoolean() ? 1f : 0f;
    }
    return y;
  }

  private float[] multiLogits(double scale) {
    float[] z = new float[BATCH * CLASSES];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (random.nextGaussian() * scale);
    }
    return z;
  }

  private int[] classLabels() {
    int[] y = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      y[i] = random.nextInt(CLASSES);
    }
    return y;
  }

  private static double[] row(float[] z, int i) {
    double[] r = new double[CLASSES];
    for (int k = 0; k < CLASSES; k++) {
      r[k] = z[i * CLASSES + k];
    }
    return r;
  }

  private static double centralDifference(DoubleUnaryOperator f, double x) {
    double h = 1e-5 * Math.max(1, Math.abs(x));
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }

  private static void assertValues(double[] expected, LossGraph.Evaluation e, String what) {
    double mean = 0;
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], e.perExample()[i], VALUE_ABS, what + " example " + i);
      mean += expected[i] / expected.length;
    }
    assertClose(mean, e.scalar(), VALUE_ABS, what + " mean");
  }

  private static void assertGradient(double[] expected, float[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], GRAD_ABS, what + " gradient " + i);
    }
  }

  private static void assertClose(double expected, float actual, double abs, String what) {
    double error = Math.abs(actual - expected);
    if (Math.abs(expected) >= 1e-2) {
      maxRelativeError = Math.max(maxRelativeError, error / Math.abs(expected));
    } else {
      maxAbsoluteErrorNearZero = Math.max(maxAbsoluteErrorNearZero, error);
    }
    double tol = REL * Math.abs(expected) + abs;
    assertTrue(
        Math.abs(actual - expected) <= tol,
        () -> what + ": expected " + expected + ", got " + actual + " (tolerance " + tol + ")");
  }

  private static void assertSame(LossGraph.Evaluation a, LossGraph.Evaluation b) {
    for (int i = 0; i < a.perExample().length; i++) {
      assertEquals(a.perExample()[i], b.perExample()[i], 1e-6 * (1 + Math.abs(a.perExample()[i])));
    }
    for (int i = 0; i < a.gradient().length; i++) {
      assertEquals(a.gradient()[i], b.gradient()[i], 1e-7);
    }
  }

  private static void assertAllFinite(LossGraph.Evaluation e, String what) {
    for (float v : e.perExample()) {
      assertTrue(Float.isFinite(v), what + " loss " + v);
    }
    for (float v : e.gradient()) {
      assertTrue(Float.isFinite(v), what + " gradient " + v);
    }
  }
}
