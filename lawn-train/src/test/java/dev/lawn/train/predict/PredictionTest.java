package dev.lawn.train.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.data.rec.IdVocabulary;
import dev.lawn.serving.ClassPrediction;
import dev.lawn.serving.ImageClassifier;
import dev.lawn.serving.Recommendation;
import dev.lawn.serving.SavedModelLayout;
import dev.lawn.serving.ServingModel;
import dev.lawn.serving.TopKRecommender;
import dev.lawn.train.SyntheticRatingsAccess;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import dev.lawn.train.checkpoint.CheckpointStore;
import dev.lawn.train.config.Augmentation;
import dev.lawn.train.export.SavedModelExport;
import dev.lawn.train.metrics.Calibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code lawn predict}'s library (lawn-serving over {@link RunServing}): its answers equal what the run
 * itself computes.
 */
class PredictionTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void topKEqualsTheRankingOfTheRunsOwnScoring(@TempDir Path dir) throws Exception {
    Path data = SyntheticRatingsAccess.write(dir.resolve("data"), 40, 150, 15, 3);
    Files.writeString(data.resolve("ml-100k/u.item"), "1|First film (1990)|x\n2|Second, the (1991)|x\n");
    TrainConfig config = TrainConfig.builder().dataDir(data.toString()).optimizer("adam").lr(3e-3)
        .batchSize(256).epochs(2).warmupEpochs(0).eFree("1").seed(5).threads(1).build();
    Path run = dir.resolve("run");
    new Trainer(config, run, new TrainingListener() {}).run();

    // The vocabulary is the NCF protocol's: dense ids in ascending order of the file's ids.
    int[][] raw = rawIds(data.resolve("ml-100k/u.data"));
    IdVocabulary vocabulary = IdVocabulary.read(run.resolve(IdVocabulary.FOLDER));
    assertEquals(raw[0].length, vocabulary.numUsers());
    assertEquals(raw[1].length, vocabulary.numItems());
    for (int i = 0; i < raw[1].length; i++) {
      assertEquals(raw[1][i], vocabulary.itemId(i));
    }
    assertEquals("Second, the (1991)", vocabulary.itemTitle(vocabulary.itemIndex(2).getAsInt()));

    try (RunServing opened = RunServing.open(run, SavedModelExport.Which.LATEST)) {
      ServingModel model = opened.model();
      assertEquals(SavedModelLayout.METHOD_NAME, model.signature().methodName());
      TopKRecommender recommender = new TopKRecommender(model);
      for (int user : new int[] {1, 2, 17, 40}) {
        int dense = Arrays.binarySearch(raw[0], user);
        float[] logits = logitsFromCheckpoint(run, dense, raw[1].length);
        int[] expected = topIndices(logits, 10);
        List<Recommendation> top = recommender.topK(user, 10, Set.of());
        assertEquals(10, top.size());
        for (int k = 0; k < 10; k++) {
          assertEquals(raw[1][expected[k]], top.get(k).itemId(), "user " + user + " rank " + (k + 1));
          assertEquals(k + 1, top.get(k).rank());
          assertEquals(1 / (1 + Math.exp(-logits[expected[k]])), top.get(k).score(), 1e-5);
        }
        // Leaving out the best item moves every other one up.
        List<Recommendation> without = recommender.topK(user, 9, Set.of(top.get(0).itemId()));
        assertEquals(top.subList(1, 10).stream().map(Recommendation::itemId).toList(),
            without.stream().map(Recommendation::itemId).toList());
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recommender.topK(999, 5, Set.of()));
      assertTrue(e.getMessage().contains("user 999 is not in the model's vocabulary"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> new ImageClassifier(model));
    }
    try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("lawn-predict-")
          && Files.exists(p.resolve("model/assets/users.csv")) && p.toString().contains(run.toString())));
    }

    // The export carries the same vocabulary in its assets.
    Path saved = run.resolve("saved_model");
    SavedModelExport.export(run, SavedModelExport.Which.LATEST, saved);
    assertEquals(Files.readString(run.resolve("vocabulary/items.csv")), Files.readString(saved.resolve("assets/items.csv")));
    assertEquals(Files.readString(run.resolve("vocabulary/users.csv")), Files.readString(saved.resolve("assets/users.csv")));
    try (ServingModel model = ServingModel.load(saved)) {
      assertEquals(Signature.DEFAULT_KEY, model.signature().key());
      assertEquals(new TopKRecommender(model).topK(17, 5, Set.of()).get(0).itemId(),
          new TopKRecommender(model).topK(17, 1, Set.of()).get(0).itemId());
    }
  }

  @Test
  void classPredictionsEqualTheTrainersEvaluation(@TempDir Path dir) throws Exception {
    predictionsEqualTheEvaluation(Augmentation.CROP_FLIP, dir);
  }

  /** A model trained on random resized crops is evaluated, and served, on the central crop. */
  @Test
  void aResizedCropModelIsServedOnItsEvaluationsCrop(@TempDir Path dir) throws Exception {
    predictionsEqualTheEvaluation(Augmentation.RESIZED_CROP, dir);
  }

  private static void predictionsEqualTheEvaluation(Augmentation augmentation, Path dir) throws Exception {
    Path data = TinyImageFolder.write(dir.resolve("images"), 12, 3, 12, 10, 7);
    TrainConfig config = TrainConfig.builder().model("small-cnn").data("image-folder")
        .dataDir(data.toString()).optimizer("adam").lr(3e-3).batchSize(12).epochs(2).warmupEpochs(0)
        .widthMultiplier(0.25).threads(1).augmentation(augmentation).build();
    Path run = dir.resolve("run");
    List<String> messages = new ArrayList<>();
    new Trainer(config, run, new TrainingListener() {
      @Override
      public void onMessage(String message) {
        messages.add(message);
      }
    }).run();
    assertTrue(messages.contains("image-folder: images at their own size 12x12 (--image-size H[xW] resizes them)"),
        messages.toString());
    JsonNode last = lastMetrics(run);

    try (RunServing opened = RunServing.open(run, SavedModelExport.Which.LATEST)) {
      ServingModel model = opened.model();
      assertEquals(augmentation == Augmentation.RESIZED_CROP, model.modelJson().has(SavedModelLayout.CENTER_CROP));
      ImageClassifier classifier = new ImageClassifier(model);
      List<ClassPrediction> predictions = classifier.predictFolder(data.resolve("val"));
      assertEquals(30, predictions.size());
      int[] labels = predictions.stream().mapToInt(ClassPrediction::label).toArray();
      float[] probabilities = new float[30 * 3];
      int right = 0;
      for (int i = 0; i < 30; i++) {
        ClassPrediction p = predictions.get(i);
        assertTrue(labels[i] >= 0, p.source());
        assertEquals("class" + p.predicted(), p.className());
        System.arraycopy(p.probabilities(), 0, probabilities, i * 3, 3);
        right += p.predicted() == p.label() ? 1 : 0;
      }
      assertTrue(right > 0 && right < 30, "the tiny model is right on some images and wrong on others: " + right);
      assertEquals(last.get("accuracy").asDouble(), right / 30.0, 1e-9);
      assertEquals(last.get("ece").asDouble(), Calibration.expectedCalibrationError(probabilities, labels, 3, 15), 1e-5);
      assertThrows(IllegalArgumentException.class, () -> new TopKRecommender(model));
    }
  }

  /** Indices of the {@code k} largest logits, largest first, ties by the lower index. */
  private static int[] topIndices(float[] logits, int k) {
    return java.util.stream.IntStream.range(0, logits.length).boxed()
        .sorted((a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  private static JsonNode lastMetrics(Path run) throws IOException {
    List<String> rows = Files.readAllLines(run.resolve("metrics.jsonl"));
    return JSON.readTree(rows.get(rows.size() - 1));
  }

  /** Sorted distinct user ids [0] and item ids [1] of a u.data file. */
  private static int[][] rawIds(Path file) throws IOException {
    TreeSet<Integer> users = new TreeSet<>();
    TreeSet<Integer> items = new TreeSet<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t");
      users.add(Integer.parseInt(f[0]));
      items.add(Integer.parseInt(f[1]));
    }
    return new int[][] {users.stream().mapToInt(Integer::intValue).toArray(),
        items.stream().mapToInt(Integer::intValue).toArray()};
  }

  /** Logits of every item for one dense user from lawn's own graph with the latest checkpoint restored. */
  private static float[] logitsFromCheckpoint(Path run, int user, int numItems) throws IOException {
    JsonNode model = JSON.readTree(run.resolve("model.json").toFile());
    int[] users = new int[numItems];
    Arrays.fill(users, user);
    int[] items = new int[numItems];
    Arrays.setAll(items, i -> i);
    try (Graph g = new Graph(); Session s = new Session(g);
        TInt32 u = TInt32.tensorOf(Shape.of(numItems), DataBuffers.of(users, true, false));
        TInt32 i = TInt32.tensorOf(Shape.of(numItems), DataBuffers.of(items, true, false))) {
      var m = SavedModelExport.rebuild(Ops.create(g), model);
      var store = new CheckpointStore(run.resolve("checkpoints"), 3);
      store.restore(s, store.latest().orElseThrow());
      try (Result r = s.runner().feed(m.inputs().get("user"), u).feed(m.inputs().get("item"), i).fetch(m.logits()).run()) {
        float[] out = new float[numItems];
        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out);
        return out;
      }
    }
  }
}
