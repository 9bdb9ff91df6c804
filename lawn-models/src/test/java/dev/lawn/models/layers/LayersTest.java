package dev.lawn.models.layers;

import static dev.lawn.models.TestTensors.floats;
import static dev.lawn.models.TestTensors.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class LayersTest {

  @Test
  void denseNamesAndTagsItsVariables() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 1);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      Operand<TFloat32> y = new Dense(3, ActivationFunction.RELU).apply(ctx, x);
      new Dense(2, ActivationFunction.LINEAR).apply(ctx, y);
      new Dense("head", 1, ActivationFunction.LINEAR, false, Initializer.glorotUniform()).apply(ctx, y);
      List<TrainableVariable> vars = ctx.trainableVariables();
      assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias", "head/kernel"),
          vars.stream().map(TrainableVariable::name).toList());
      assertEquals(List.of(VariableRole.KERNEL, VariableRole.BIAS, VariableRole.KERNEL, VariableRole.BIAS, VariableRole.KERNEL),
          vars.stream().map(TrainableVariable::role).toList());
      assertEquals("dense_1", vars.get(2).layer());
      assertEquals(Shape.of(4, 3), vars.get(0).shape());
      assertArrayEquals(new long[] {-1, 3}, y.shape().asArray());
      assertEquals(List.of("dense", "dense_1", "head"), ctx.summaries().stream().map(LayerSummary::name).toList());
      assertEquals(15L, ctx.summaries().get(0).trainableParameters());
    }
  }

  @Test
  void denseReadsAConcatenationPartByPartWithTheSameKernelAndValues() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 7);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> joined = new Concat("join").apply(ctx, List.of(a, b));
      Operand<TFloat32> y = new Dense("fc", 4, ActivationFunction.LINEAR).apply(ctx, joined);
      TrainableVariable kernel = ctx.trainableVariables().get(0);
      assertEquals("fc/kernel", kernel.name());
      assertEquals(Shape.of(5, 4), kernel.shape(), "one kernel over the whole concatenation, as without the rewrite");
      // The reference: the materialized concatenation times the same kernel, plus the bias.
      Operand<TFloat32> reference = tf.math.add(tf.linalg.matMul(joined, tf.identity(kernel.variable())),
          tf.identity(ctx.trainableVariables().get(1).variable()));
      assertTrue(!dependsOn(y, joined.op().name()), "the Dense output does not read the ConcatV2 op");
      var grads = tf.gradients(tf.reduceSum(tf.math.square(y), tf.constant(new int[] {0, 1})), List.of(kernel.variable()));
      var refGrads = tf.gradients(tf.reduceSum(tf.math.square(reference), tf.constant(new int[] {0, 1})),
          List.of(kernel.variable()));
      try (Session s = new Session(g);
          TFloat32 av = tensor(Shape.of(2, 3), new float[] {1, -2, 0.5f, 3, 0.25f, -1});
          TFloat32 bv = tensor(Shape.of(2, 2), new float[] {0.1f, 2, -0.7f, 1.5f})) {
        s.initialize();
        try (Result r = s.runner().feed(a, av).feed(b, bv).fetch(y).fetch(reference).fetch(grads.dy(0))
            .fetch(refGrads.dy(0)).run()) {
          assertArrayEquals(floats((TFloat32) r.get(1)), floats((TFloat32) r.get(0)), 1e-6f);
          assertArrayEquals(floats((TFloat32) r.get(3)), floats((TFloat32) r.get(2)), 1e-5f);
        }
      }
    }
  }

  /** Whether {@code out} reads (transitively) the operation named {@code name}. */
  private static boolean dependsOn(Operand<?> out, String name) {
    java.util.Deque<org.tensorflow.GraphOperation> todo = new java.util.ArrayDeque<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    todo.add((org.tensorflow.GraphOperation) out.op());
    while (!todo.isEmpty()) {
      org.tensorflow.GraphOperation op = todo.pop();
      if (!seen.add(op.name())) {
        continue;
      }
      if (op.name().equals(name)) {
        return true;
      }
      for (int i = 0; i < op.numInputs(); i++) {
        todo.add((org.tensorflow.GraphOperation) op.input(i).op());
      }
    }
    return false;
  }

  @Test
  void namesAreCheckedAndLayersAppliedOnce() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 1);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      Dense dense = new Dense("fc", 3, ActivationFunction.LINEAR);
      dense.apply(ctx, x);
      assertThrows(IllegalStateException.class, () -> dense.apply(ctx, x));
      assertMessage("used twice", () -> new Dense("fc", 3, ActivationFunction.LINEAR).apply(ctx, x));
      assertMessage("invalid layer name", () -> new Dense("a/b", 3, ActivationFunction.LINEAR).apply(ctx, x));
      // The same name in another scope is fine.
      Operand<TFloat32> y = Sequential.builder("tower").add(new Dense("fc", 2, ActivationFunction.LINEAR)).build().apply(ctx, x);
      assertEquals("tower/fc/kernel", ctx.trainableVariables().get(2).name());
      assertArrayEquals(new long[] {-1, 2}, y.shape().asArray());
      assertMessage("rank 2", () -> new Dense(3, ActivationFunction.LINEAR).apply(ctx, tf.reshape(x, tf.constant(new int[] {-1, 2, 2}))));
    }
  }

  @Test
  void constructorsRejectBadSettings() {
    assertMessage("Dense units", () -> new Dense(0, ActivationFunction.RELU));
    assertMessage("Conv2D filters", () -> Conv2D.builder(0, 3).build());
    assertMessage("Conv2D kernelSize", () -> Conv2D.builder(8, 0).build());
    assertMessage("Conv2D stride", () -> Conv2D.builder(8, 3).stride(0).build());
    assertMessage("MaxPool2D poolSize", () -> new MaxPool2D(0));
    assertMessage("AvgPool2D stride", () -> new AvgPool2D(null, 2, -1, Padding.SAME));
    assertMessage("BatchNorm momentum", () -> new BatchNorm("bn", 1f, 1e-3f));
    assertMessage("BatchNorm epsilon", () -> new BatchNorm("bn", 0.9f, 0f));
    assertMessage("Dropout rate", () -> new Dropout(1f));
    assertMessage("Dropout rate", () -> new Dropout(-0.5f));
    assertMessage("Embedding inputDim", () -> new Embedding("e", 0, 4));
    assertMessage("Embedding outputDim", () -> new Embedding("e", 4, 0));
    assertMessage("no layers", () -> Sequential.builder("empty").build());
    assertMessage("stddev", () -> Initializer.normal(0));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 1);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      assertMessage("at least two inputs", () -> new Concat().apply(ctx, List.of(x)));
      Operand<TFloat32> unknown = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
      assertMessage("must be known", () -> new Flatten().apply(ctx, unknown));
      assertMessage("rank 2 or 4", () -> new BatchNorm().apply(ctx, tf.reshape(x, tf.constant(new int[] {-1, 2, 2}))));
    }
  }

  @Test
  void initializersHaveTheirDocumentedStatistics() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<org.tensorflow.types.TInt64> seed = tf.constant(new long[] {1, 2});
      Shape conv = Shape.of(3, 3, 64, 128);
      Operand<TFloat32> he = Initializer.heNormal().create(tf, conv, seed);
      Operand<TFloat32> glorot = Initializer.glorotUniform().create(tf, Shape.of(300, 100), seed);
      Operand<TFloat32> normal = Initializer.normal(0.01).create(tf, Shape.of(100, 100), seed);
      try (Result r = s.runner().fetch(he).fetch(glorot).fetch(normal).run()) {
        double heStd = Math.sqrt(2.0 / (3 * 3 * 64));
        float[] h = floats(r.get(0));
        assertEquals(heStd, std(h), 0.02 * heStd);
        double bound = 2 * heStd / Initializer.TRUNCATED_NORMAL_STDDEV_CORRECTION;
        for (float v : h) {
          assertTrue(Math.abs(v) <= bound * 1.0001, "he value " + v + " beyond two stddevs " + bound);
        }
        double limit = Math.sqrt(6.0 / 400);
        float[] gl = floats(r.get(1));
        for (float v : gl) {
          assertTrue(Math.abs(v) <= limit, "glorot value " + v + " beyond " + limit);
        }
        assertEquals(limit / Math.sqrt(3), std(gl), 0.03 * limit);
        assertEquals(0.01, std(floats(r.get(2))), 0.0005);
        assertEquals(0.0, mean(floats(r.get(2))), 0.0005);
      }
    }
  }

  @Test
  void convolutionAndPoolingShapesAndValues() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 1);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, 1)));
      Operand<TFloat32> conv = Conv2D.builder(5, 3).stride(2).build().apply(ctx, x);
      Operand<TFloat32> convValid = Conv2D.builder(2, 3).padding(Padding.VALID).useBias(false).build().apply(ctx, x);
      Operand<TFloat32> max = new MaxPool2D(2).apply(ctx, x);
      Operand<TFloat32> avg = new AvgPool2D(2).apply(ctx, x);
      Operand<TFloat32> global = new GlobalAvgPool().apply(ctx, x);
      Operand<TFloat32> flat = new Flatten().apply(ctx, max);
      assertArrayEquals(new long[] {-1, 2, 2, 5}, conv.shape().asArray());
      assertArrayEquals(new long[] {-1, 2, 2, 2}, convValid.shape().asArray());
      assertArrayEquals(new long[] {-1, 4}, flat.shape().asArray());
      assertEquals(Shape.of(3, 3, 1, 2), ctx.trainableVariables().get(2).shape());
      float[] pixels = new float[16];
      for (int i = 0; i < 16; i++) {
        pixels[i] = i;
      }
      try (TFloat32 in = tensor(Shape.of(1, 4, 4, 1), pixels);
          Result r = s.runner().feed(x, in).fetch(max).fetch(avg).fetch(global).run()) {
        assertArrayEquals(new float[] {5, 7, 13, 15}, floats(r.get(0)));
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, floats(r.get(1)));
        assertArrayEquals(new float[] {7.5f}, floats(r.get(2)));
      }
    }
  }

  @Test
  void embeddingAndMergeLayersComputeWhatTheySay() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 1);
      Operand<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Embedding embedding = new Embedding("table", 5, 3, (t, shape, seed) -> t.reshape(
          t.dtypes.cast(t.range(t.constant(0), t.constant(15), t.constant(1)), TFloat32.class),
          t.constant(shape)));
      Operand<TFloat32> rows = embedding.apply(ctx, ids);
      Operand<TFloat32> twice = new Add().apply(ctx, List.of(rows, rows));
      Operand<TFloat32> squared = new Multiply().apply(ctx, List.of(rows, rows));
      Operand<TFloat32> joined = new Concat().apply(ctx, List.of(rows, squared));
      assertArrayEquals(new long[] {-1, 6}, joined.shape().asArray());
      assertEquals(VariableRole.EMBEDDING, ctx.trainableVariables().get(0).role());
      try (TInt32 in = TInt32.vectorOf(4, 1);
          Result r = s.runner().feed(ids, in).fetch(rows).fetch(twice).fetch(joined).run()) {
        assertArrayEquals(new float[] {12, 13, 14, 3, 4, 5}, floats(r.get(0)));
        assertArrayEquals(new float[] {24, 26, 28, 6, 8, 10}, floats(r.get(1)));
        assertArrayEquals(new float[] {12, 13, 14, 144, 169, 196, 3, 4, 5, 9, 16, 25}, floats(r.get(2)));
      }
    }
  }

  static void assertMessage(String fragment, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }

  static double mean(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  static double std(float[] values) {
    double m = mean(values);
    double sum = 0;
    for (float v : values) {
      sum += (v - m) * (v - m);
    }
    return Math.sqrt(sum / values.length);
  }
}
