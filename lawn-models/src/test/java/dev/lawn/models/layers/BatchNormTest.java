package dev.lawn.models.layers;

import static dev.lawn.models.TestTensors.floats;
import static dev.lawn.models.TestTensors.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class BatchNormTest {

  private static final int N = 8;
  private static final int HW = 2;
  private static final int C = 3;
  private static final Shape SHAPE = Shape.of(N, HW, HW, C);

  /** NHWC data whose channel c has mean about 3 + c and standard deviation about 2. */
  private static float[] data(long seed) {
    Random random = new Random(seed);
    float[] x = new float[N * HW * HW * C];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (3 + i % C + 2 * random.nextGaussian());
    }
    return x;
  }

  @Test
  void normalizesWithBatchStatisticsWhenTrainingAndMovingOnesOtherwise() {
    float[] x = data(1);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 1);
      Operand<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, HW, HW, C)));
      Operand<TFloat32> y = new BatchNorm().apply(ctx, in);
      assertEquals(2, ctx.updateOps().size());
      assertEquals(2, ctx.nonTrainableVariables().size());
      try (TFloat32 xt = tensor(SHAPE, x); TBool yes = TBool.scalarOf(true)) {
        float[] train;
        try (Result r = s.runner().feed(in, xt).feed(ctx.training(), yes).fetch(y).run()) {
          train = floats(r.get(0));
        }
        for (int c = 0; c < C; c++) {
          double[] moments = moments(train, c);
          assertEquals(0.0, moments[0], 1e-4, "channel " + c + " mean");
          double[] raw = moments(x, c);
          assertEquals(raw[1] / (raw[1] + BatchNorm.DEFAULT_EPSILON), moments[1], 1e-3, "channel " + c + " variance");
        }
        float[] infer;
        try (Result r = s.runner().feed(in, xt).fetch(y).run()) {
          infer = floats(r.get(0));
        }
        for (int i = 0; i < x.length; i++) {
          assertEquals(x[i] / Math.sqrt(1 + BatchNorm.DEFAULT_EPSILON), infer[i], 1e-5);
        }
        // One update: m <- m - 0.1 (m - batch); the variance update uses the unbiased estimate.
        Session.Runner update = s.runner().feed(in, xt).feed(ctx.training(), yes);
        ctx.updateOps().forEach(update::addTarget);
        update.run().close();
        try (Result r = s.runner().fetch(ctx.nonTrainableVariables().get(0)).fetch(ctx.nonTrainableVariables().get(1)).run()) {
          float[] mean = floats(r.get(0));
          float[] variance = floats(r.get(1));
          int count = N * HW * HW;
          for (int c = 0; c < C; c++) {
            double[] raw = moments(x, c);
            assertEquals(0.1 * raw[0], mean[c], 1e-4, "moving mean " + c);
            assertEquals(0.9 + 0.1 * raw[1] * count / (count - 1), variance[c], 1e-4, "moving variance " + c);
          }
        }
      }
    }
  }

  @Test
  void handlesDenseInputs() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 1);
      Operand<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> y = new BatchNorm("bn", 0.9f, 1e-5f).apply(ctx, in);
      assertArrayEquals(new long[] {-1, 2}, y.shape().asArray());
      try (TFloat32 xt = tensor(Shape.of(2, 2), new float[] {1, 10, 3, 30}); TBool yes = TBool.scalarOf(true);
          Result r = s.runner().feed(in, xt).feed(ctx.training(), yes).fetch(y).run()) {
        assertArrayEquals(new float[] {-1, -1, 1, 1}, floats(r.get(0)), 1e-3f);
      }
    }
  }

  /**
   * Gradient check of the training path (batch statistics, routed through SelectV2) against central
   * finite differences: {@code L = sum(w * bn(x))}. Float32 only: FusedBatchNormV3 has no float64
   * kernel, hence the loose tolerance.
   */
  @Test
  void trainingGradientMatchesFiniteDifferences() {
    float[] x = data(2);
    float[] w = data(3);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 1);
      Operand<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(SHAPE));
      Operand<TFloat32> y = new BatchNorm().apply(ctx, in);
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(y, tf.constant(SHAPE, org.tensorflow.ndarray.buffer.DataBuffers.of(w))),
          tf.constant(new int[] {0, 1, 2, 3}));
      var grads = tf.gradients(loss, List.of(in, ctx.trainableVariables().get(1).variable()));
      float[] analytic;
      float[] betaGrad;
      try (TFloat32 xt = tensor(SHAPE, x); TBool yes = TBool.scalarOf(true);
          Result r = s.runner().feed(in, xt).feed(ctx.training(), yes).fetch(grads.dy(0)).fetch(grads.dy(1)).run()) {
        analytic = floats(r.get(0));
        betaGrad = floats(r.get(1));
      }
      for (int c = 0; c < C; c++) {
        double sum = 0;
        for (int i = c; i < w.length; i += C) {
          sum += w[i];
        }
        assertEquals(sum, betaGrad[c], 1e-3, "d/dbeta " + c);
      }
      float eps = 1e-2f;
      for (int i = 0; i < x.length; i += 5) {
        double numeric = (lossAt(s, ctx, in, loss, x, i, eps) - lossAt(s, ctx, in, loss, x, i, -eps)) / (2 * eps);
        assertEquals(numeric, analytic[i], 2e-2 * Math.max(1, Math.abs(numeric)), "d/dx[" + i + "]");
      }
    }
  }

  private static double lossAt(Session s, LayerContext ctx, Operand<TFloat32> in, Operand<TFloat32> loss,
      float[] x, int index, float delta) {
    float[] shifted = x.clone();
    shifted[index] += delta;
    try (TFloat32 xt = tensor(SHAPE, shifted); TBool yes = TBool.scalarOf(true);
        Result r = s.runner().feed(in, xt).feed(ctx.training(), yes).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  /** Mean and biased variance of channel {@code c} of NHWC data. */
  private static double[] moments(float[] values, int c) {
    double sum = 0;
    int n = 0;
    for (int i = c; i < values.length; i += C) {
      sum += values[i];
      n++;
    }
    double mean = sum / n;
    double sq = 0;
    for (int i = c; i < values.length; i += C) {
      sq += (values[i] - mean) * (values[i] - mean);
    }
    return new double[] {mean, sq / n};
  }
}
