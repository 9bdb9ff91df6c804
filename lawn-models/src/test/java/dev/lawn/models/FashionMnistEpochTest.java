package dev.lawn.models;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One epoch of plain gradient descent on Fashion-MNIST, timed, then test accuracy. Opt-in because it
 * takes about a minute per model: {@code mvn -o -q -B -pl lawn-models test -Dtest=FashionMnistEpochTest
 * -Dlawn.models.epochTest=true} (optionally {@code -Dlawn.models.epochWidth=0.5}). Skips where the dataset (Debian package {@code dataset-fashion-mnist})
 * is absent.
 */
class FashionMnistEpochTest {

  private static final Path DIR = Path.of(System.getProperty(
      "lawn.models.fashionMnistDir", "/usr/share/datasets/fashion-mnist"));
  private static final int BATCH = 128;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"small-cnn", "mlp"})
  void oneEpoch(String name) throws IOException {
    assumeTrue(Boolean.getBoolean("lawn.models.epochTest"), "opt-in: -Dlawn.models.epochTest=true");
    assumeTrue(Files.exists(DIR.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST under " + DIR);
    float[] trainX = images(DIR.resolve("train-images-idx3-ubyte.gz"));
    int[] trainY = labels(DIR.resolve("train-labels-idx1-ubyte.gz"));
    float[] testX = images(DIR.resolve("t10k-images-idx3-ubyte.gz"));
    int[] testY = labels(DIR.resolve("t10k-labels-idx1-ubyte.gz"));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      double width = Double.parseDouble(System.getProperty("lawn.models.epochWidth", "1"));
      Model model = ModelZoo.classifier(
          tf, name, 28, 28, 1, 10, ClassifierOptions.defaults().withWidthMultiplier(width));
      GradientDescentHarness gd = GradientDescentHarness.classifier(tf, model, 10, 0.05f);
      s.initialize();
      long start = System.nanoTime();
      float lastLoss = Float.NaN;
      for (int offset = 0; offset + BATCH <= trainY.length; offset += BATCH) {
        try (TFloat32 x = batchImages(trainX, offset, BATCH); TInt32 y = TInt32.vectorOf(Arrays.copyOfRange(trainY, offset, offset + BATCH))) {
          lastLoss = gd.step(s, java.util.Map.of("image", x), y);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int correct = 0;
      for (int offset = 0; offset < testY.length; offset += 1000) {
        try (TFloat32 x = batchImages(testX, offset, 1000);
            Result r = s.runner().feed(model.inputs().get("image"), x).fetch(model.logits()).run()) {
          float[] logits = TestTensors.floats(r.get(0));
          for (int i = 0; i < 1000; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
              if (logits[i * 10 + c] > logits[i * 10 + best]) {
                best = c;
              }
            }
            correct += best == testY[offset + i] ? 1 : 0;
          }
        }
      }
      double accuracy = correct / (double) testY.length;
      System.out.printf("%s (width %.2f, %,d parameters): one epoch (batch %d, GD lr 0.05) in %.1f s,"
          + " last loss %.3f, test accuracy %.4f%n",
          name, width, model.parameterCount(), BATCH, seconds, lastLoss, accuracy);
      assertTrue(accuracy > 0.7, name + ": test accuracy " + accuracy);
    }
  }

  private static TFloat32 batchImages(float[] all, int offset, int count) {
    return TestTensors.tensor(Shape.of(count, 28, 28, 1),
        Arrays.copyOfRange(all, offset * 784, (offset + count) * 784));
  }

  private static float[] images(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      if (in.readInt() != 2051) {
        throw new IOException(file + ": not an IDX image file");
      }
      int n = in.readInt();
      int pixels = in.readInt() * in.readInt();
      byte[] raw = in.readNBytes(n * pixels);
      float[] out = new float[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = (raw[i] & 0xff) / 255f;
      }
      return out;
    }
  }

  private static int[] labels(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      if (in.readInt() != 2049) {
        throw new IOException(file + ": not an IDX label file");
      }
      byte[] raw = in.readNBytes(in.readInt());
      int[] out = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i] & 0xff;
      }
      return out;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
  }
}
