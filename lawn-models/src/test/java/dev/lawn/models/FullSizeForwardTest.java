package dev.lawn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The full-size models initialize and run one inference-mode forward pass on one image. */
class FullSizeForwardTest {

  @ParameterizedTest(name = "{0} {1}x{1} -> {2}")
  @CsvSource({"resnet50, 224, 1000", "resnet18, 224, 1000", "vgg19, 32, 10"})
  void fullSizeModelRunsForward(String name, int size, int classes) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Model m = ModelZoo.classifier(Ops.create(g), name, size, size, 3, classes, ClassifierOptions.defaults());
      float[] pixels = new float[size * size * 3];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (i % 255) / 255f;
      }
      try (TFloat32 image = TestTensors.tensor(Shape.of(1, size, size, 3), pixels);
          Result r = s.runner().feed(m.inputs().get("image"), image).fetch(m.logits()).run()) {
        assertArrayEquals(new long[] {1, classes}, r.get(0).shape().asArray());
        for (float v : TestTensors.floats(r.get(0))) {
          assertTrue(Float.isFinite(v));
        }
      }
    }
  }
}
