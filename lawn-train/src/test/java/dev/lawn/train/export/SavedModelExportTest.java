package dev.lawn.train.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class SavedModelExportTest {

  static final int[] USERS = {0, 1, 2, 3, 17};
  static final int[] ITEMS = {5, 0, 44, 9, 101};

  @Test
  void exportedNcfModelServesTheTrainedScoresInAFreshJvm(@TempDir Path dir) throws Exception {
    Path data = dev.lawn.train.SyntheticRatingsAccess.write(dir.resolve("data"), 40, 150, 15, 3);
    TrainConfig config = TrainConfig.builder().dataDir(data.toString()).lr(3e-3).batchSize(256).epochs(2)
        .warmupEpochs(0).eFree("1").seed(5).threads(1).build();
    Path run = dir.resolve("run");
    new Trainer(config, run, new TrainingListener() {}).run();
    Path saved = run.resolve("saved_model");
    SavedModelExport.export(run, SavedModelExport.Which.LATEST, saved);
    assertTrue(Files.exists(saved.resolve("saved_model.pb")));
    try (var entries = Files.list(run)) {
      assertFalse(entries.anyMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temp folder left");
    }

    float[] expected = scoresFromCheckpoint(run);
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PlainServingClient.class.getName(), saved.toString(),
        join(USERS), join(ITEMS));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals(USERS.length, lines.size(), lines.toString());
    for (int k = 0; k < USERS.length; k++) {
      assertEquals(expected[k], Float.parseFloat(lines.get(k)), 1e-6f, "pair " + k);
    }
    // Exporting again replaces the folder atomically.
    SavedModelExport.export(run, SavedModelExport.Which.BEST, saved);
    assertTrue(Files.exists(saved.resolve("saved_model.pb")));
  }

  /** Scores from a lawn-built graph with the checkpoint restored: what serving must reproduce. */
  static float[] scoresFromCheckpoint(Path run) throws IOException {
    var model = new ObjectMapper().readTree(run.resolve("model.json").toFile());
    try (Graph g = new Graph(); Session s = new Session(g);
        TInt32 u = TInt32.tensorOf(Shape.of(USERS.length), DataBuffers.of(USERS, true, false));
        TInt32 i = TInt32.tensorOf(Shape.of(ITEMS.length), DataBuffers.of(ITEMS, true, false))) {
      Ops tf = Ops.create(g);
      var m = SavedModelExport.rebuild(tf, model);
      var score = tf.math.sigmoid(m.logits());
      var store = new CheckpointStore(run.resolve("checkpoints"), 3);
      store.restore(s, store.latest().orElseThrow());
      try (Result r = s.runner().feed(m.inputs().get("user"), u).feed(m.inputs().get("item"), i).fetch(score).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] out = new float[USERS.length];
        for (int k = 0; k < out.length; k++) {
          out[k] = t.getFloat(k);
        }
        return out;
      }
    }
  }

  static String join(int[] ids) {
    List<String> parts = new ArrayList<>();
    for (int id : ids) {
      parts.add(Integer.toString(id));
    }
    return String.join(",", parts);
  }
}
