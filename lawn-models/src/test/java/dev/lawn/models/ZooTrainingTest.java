package dev.lawn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Every zoo model builds, runs forward in both modes and lowers its loss over a few plain
 * gradient-descent steps on one small batch. Big models run at reduced width and input size.
 */
class ZooTrainingTest {

  private static final int BATCH = 16;
  private static final int STEPS = 15;

  static Stream<Arguments> classifiers() {
    ClassifierOptions base = ClassifierOptions.defaults();
    return Stream.of(
        Arguments.of("mlp", 28, 28, 1, base.withDropoutRate(0.2f), 0.02f),
        Arguments.of("small-cnn", 28, 28, 1, base.withWidthMultiplier(0.5), 0.02f),
        Arguments.of("vgg19", 32, 32, 3, base.withWidthMultiplier(0.125), 0.05f),
        Arguments.of("resnet18", 32, 32, 3, base.withWidthMultiplier(0.125).withCifarStem(true), 0.05f),
        Arguments.of("resnet50", 64, 64, 3, base.withWidthMultiplier(0.125), 0.05f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("classifiers")
  void classifierTrains(String name, int h, int w, int c, ClassifierOptions opts, float learningRate) {
    int classes = 10;
    Random random = new Random(7);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Model model = ModelZoo.classifier(tf, name, h, w, c, classes, opts);
      GradientDescentHarness gd = GradientDescentHarness.classifier(tf, model, classes, learningRate);
      float[] pixels = new float[BATCH * h * w * c];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = random.nextFloat();
      }
      int[] labelValues = random.ints(BATCH, 0, classes).toArray();
      try (TFloat32 images = TFloat32.tensorOf(Shape.of(BATCH, h, w, c), DataBuffers.of(pixels));
          TInt32 labels = TInt32.vectorOf(labelValues)) {
        Map<String, Tensor> inputs = Map.of("image", images);
        assertForwardInBothModes(s, model, inputs, new long[] {BATCH, classes});
        float first = gd.step(s, inputs, labels);
        float last = first;
        for (int i = 1; i < STEPS; i++) {
          last = gd.step(s, inputs, labels);
        }
        assertTrue(Float.isFinite(last), name + ": loss " + last);
        assertTrue(last < 0.8f * first, name + ": loss went " + first + " -> " + last);
        float eval = gd.evalLoss(s, inputs, labels);
        assertTrue(Float.isFinite(eval), name + ": inference-mode loss " + eval);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ncf-mlp", "ncf-gmf", "ncf-neumf"})
  void recommenderTrains(String name) {
    int users = 20;
    int items = 30;
    int batch = 64;
    Random random = new Random(11);
    int[] u = random.ints(batch, 0, users).toArray();
    int[] it = random.ints(batch, 0, items).toArray();
    float[] y = new float[batch];
    for (int i = 0; i < batch; i++) {
      y[i] = (u[i] + it[i]) % 3 == 0 ? 1f : 0f;
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Model model = ModelZoo.recommender(tf, name, users, items, RecommenderOptions.defaults());
      GradientDescentHarness gd = GradientDescentHarness.binary(tf, model, 0.5f);
      try (TInt32 userT = TInt32.vectorOf(u); TInt32 itemT = TInt32.vectorOf(it);
          TFloat32 labels = TFloat32.vectorOf(y)) {
        Map<String, Tensor> inputs = Map.of("user", userT, "item", itemT);
        assertForwardInBothModes(s, model, inputs, new long[] {batch});
        float first = gd.step(s, inputs, labels);
        float last = first;
        for (int i = 1; i < 40; i++) {
          last = gd.step(s, inputs, labels);
        }
        assertTrue(last < 0.95f * first, name + ": loss went " + first + " -> " + last);
      }
    }
  }

  private static void assertForwardInBothModes(Session s, Model model, Map<String, Tensor> inputs, long[] shape) {
    for (boolean training : new boolean[] {false, true}) {
      Session.Runner runner = s.runner();
      inputs.forEach((k, v) -> runner.feed(model.inputs().get(k), v));
      try (TBool flag = TBool.scalarOf(training); Result r = runner.feed(model.training(), flag).fetch(model.logits()).run()) {
        TFloat32 logits = (TFloat32) r.get(0);
        assertArrayEquals(shape, logits.shape().asArray(), model.name() + " training=" + training);
        for (float v : TestTensors.floats(logits)) {
          assertTrue(Float.isFinite(v), model.name() + " training=" + training + ": non-finite logit");
        }
      }
    }
  }
}
