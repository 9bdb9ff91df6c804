package dev.lawn.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class predictions through the serving signature of a classifier whose probabilities are known. */
class ImageClassifierTest {

  static final int SIDE = TinySavedModels.SIDE;

  @Test
  void idxImagesAreNormalizedAndBatchedAsTheModelSays(@TempDir Path dir) throws Exception {
    int count = ImageClassifier.BATCH + 44; // two signature calls
    byte[] pixels = new byte[count * SIDE * SIDE];
    new Random(3).nextBytes(pixels);
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 2;
    }
    Path images = idx(dir.resolve("t-images-idx3-ubyte"), 0x803, pixels, count, SIDE, SIDE);
    byte[] labelBytes = new byte[count];
    for (int i = 0; i < count; i++) {
      labelBytes[i] = (byte) labels[i];
    }
    idx(dir.resolve("t-labels-idx1-ubyte"), 0x801, labelBytes, count);

    try (ServingModel model = ServingModel.load(TinySavedModels.classifier(dir.resolve("m"), true))) {
      ImageClassifier classifier = new ImageClassifier(model);
      assertEquals(SIDE, classifier.inputSize().height());
      List<ClassPrediction> predictions = classifier.predictIdx(images);
      assertEquals(count, predictions.size());
      for (int i = 0; i < count; i++) {
        float[] image = new float[SIDE * SIDE];
        for (int p = 0; p < image.length; p++) {
          image[p] = (pixels[i * image.length + p] & 0xFF) * (1f / 255f);
        }
        float[] expected = TinySavedModels.expected(image);
        ClassPrediction got = predictions.get(i);
        assertEquals("t-images-idx3-ubyte#" + i, got.source());
        assertEquals(labels[i], got.label(), "labels come from the file next to the images");
        assertEquals(expected[0], got.probabilities()[0], 1e-5f, "image " + i);
        assertEquals(expected[1], got.probabilities()[1], 1e-5f, "image " + i);
        int best = expected[1] > expected[0] ? 1 : 0;
        assertEquals(best, got.predicted(), "image " + i);
        assertEquals(TinySavedModels.CLASSES[best], got.className());
        assertEquals(expected[best], got.probability(), 1e-5f);
      }
    }
  }

  @Test
  void jpegsOfAFolderAreLabelledByTheirParentFolder(@TempDir Path dir) throws Exception {
    Path photos = dir.resolve("photos");
    jpeg(photos.resolve("dark/a.jpg"), 20);
    jpeg(photos.resolve("light/b.jpg"), 235);
    jpeg(photos.resolve("other/c.jpg"), 230);
    Files.writeString(photos.resolve("notes.txt"), "not an image");
    try (ServingModel model = ServingModel.load(TinySavedModels.classifier(dir.resolve("m"), true))) {
      List<ClassPrediction> predictions = new ImageClassifier(model).predictFolder(photos);
      assertEquals(List.of(Path.of("dark", "a.jpg").toString(), Path.of("light", "b.jpg").toString(),
          Path.of("other", "c.jpg").toString()), predictions.stream().map(ClassPrediction::source).toList());
      assertEquals(List.of(0, 1, -1), predictions.stream().map(ClassPrediction::label).toList());
      assertEquals(List.of("dark", "light", "light"), predictions.stream().map(ClassPrediction::className).toList());
      // A uniform image of shade v: 16 normalized pixels of (v/255 - 0.5) / 0.25.
      float shade = 20 / 255f;
      float[] dark = new float[SIDE * SIDE];
      java.util.Arrays.fill(dark, shade);
      assertEquals(TinySavedModels.expected(dark)[0], predictions.get(0).probability(), 1e-3f);
      assertTrue(predictions.get(0).probability() > 0.99f, "a dark image is dark: " + predictions.get(0));
    }
  }

  @Test
  void whatTheClassifierCannotServeIsRefused(@TempDir Path dir) throws Exception {
    try (ServingModel model = ServingModel.load(TinySavedModels.classifier(dir.resolve("old"), false))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageClassifier(model));
      assertTrue(e.getMessage().contains("has no normalization"), e.getMessage());
      IllegalArgumentException notUsers = assertThrows(IllegalArgumentException.class, () -> new TopKRecommender(model));
      assertTrue(notUsers.getMessage().startsWith("the model is a classifier, not a recommender"), notUsers.getMessage());
    }
    Path empty = Files.createDirectories(dir.resolve("empty"));
    try (ServingModel model = ServingModel.load(TinySavedModels.classifier(dir.resolve("m"), true))) {
      ImageClassifier classifier = new ImageClassifier(model);
      RuntimeException e = assertThrows(RuntimeException.class, () -> classifier.predictFolder(empty));
      assertTrue(e.getMessage().contains("no .jpg/.jpeg files"), e.getMessage());
    }
  }

  /** An IDX file of unsigned bytes: magic, one 32-bit size per dimension, the data. */
  static Path idx(Path file, int magic, byte[] data, int... dims) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    Files.write(file, b.array());
    return file;
  }

  /** A uniform grey {@value #SIDE}x{@value #SIDE} JPEG. */
  static void jpeg(Path file, int shade) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        img.setRGB(x, y, (shade << 16) | (shade << 8) | shade);
      }
    }
    ImageIO.write(img, "jpg", file.toFile());
  }
}
