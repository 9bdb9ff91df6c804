package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.data.pipeline.ColumnSet;
import dev.lawn.data.pipeline.FloatColumn;
import dev.lawn.data.pipeline.IntColumn;
import dev.lawn.data.pipeline.Pipeline;
import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.VariableRole;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.train.callbacks.EarlyStopping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;

/** A user's own TF-Java graph trained through {@link Fit}: the loop, logs, checkpoints and resume of {@code lawn train}. */
class FitTest {

  static final Optimization ADAM_LAWN = Optimization.withLawn(OptimizerSpec.Kind.ADAM, 0.02, 1,
      Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2)));

  static Fit.Builder fit(Graph graph, RingsModel rings, int epochs) {
    FitModel model = rings.model();
    return Fit.builder(graph, model).data(RingsModel.batches(512, 64, 3)).optimization(ADAM_LAWN).epochs(epochs)
        .evaluation(Evaluations.classifier(rings.tf, model, RingsModel.batches(256, 128, 9))).seed(3);
  }

  @Test
  void userGraphTrainsWithLawnAndWritesTheRunFolder(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    History history;
    try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 5).runDirectory(run).build()) {
      history = fit.run();
    }
    assertEquals(5, history.rows().size());
    assertEquals(List.of("free", "free", "constrained", "constrained", "constrained"),
        history.rows().stream().map(r -> r.get("phase")).toList());
    assertEquals(2, history.summary().get("switch_epoch"));
    assertTrue(history.column("accuracy")[4] > 0.9, "rings are separable: " + history.rows().get(4));
    for (String f : List.of("config.json", "metrics.jsonl", "metrics.csv", "summary.json", "checkpoints", "tensorboard")) {
      assertTrue(Files.exists(run.resolve(f)), f);
    }
    double[] norms = history.column("norm/output");
    assertEquals(norms[2], norms[4], 1e-5 * norms[2], "the output layer's norm stays where the switch fixed it");
    var again = assertThrows(IllegalArgumentException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 5).runDirectory(run).build()) {
        fit.run();
      }
    });
    assertTrue(again.getMessage().contains("finished run"), again.getMessage());
  }

  @Test
  void stoppedAndResumedFitMatchesAnUninterruptedOne(@TempDir Path dir) throws IOException {
    try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 5).runDirectory(dir.resolve("straight")).build()) {
      fit.run();
    }
    Path broken = dir.resolve("broken");
    Callback kill = new Callback() {
      @Override
      public void onEpochBegin(FitContext context, int epoch) {
        if (epoch == 3) {
          throw new IllegalStateException("simulated kill");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 5).runDirectory(broken).callback(kill).build()) {
        fit.run();
      }
    });
    assertFalse(Files.exists(broken.resolve("summary.json")));
    List<String> messages = new java.util.ArrayList<>();
    Callback listen = new Callback() {
      @Override
      public void onMessage(String message) {
        messages.add(message);
      }
    };
    History resumed;
    try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 5).runDirectory(broken).callback(listen).build()) {
      resumed = fit.run();
    }
    assertTrue(messages.stream().anyMatch(m -> m.startsWith("resumed from")), messages.toString());
    assertEquals(5, resumed.rows().size(), "the history holds the earlier process's rows too");
    TrainerTest.assertRowsClose(TrainerTest.rows(dir.resolve("straight")), TrainerTest.rows(broken), 0);
    JsonNode a = TrainerTest.JSON.readTree(dir.resolve("straight/summary.json").toFile());
    JsonNode b = TrainerTest.JSON.readTree(broken.resolve("summary.json").toFile());
    for (String key : List.of("switch_epoch", "best_epoch", "best_accuracy", "accuracy", "loss")) {
      assertEquals(a.get(key), b.get(key), key);
    }
  }

  @Test
  void aSecondFitOnTheSameFolderIsRefusedWhileTheFirstRuns(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    List<Throwable> refused = new java.util.ArrayList<>();
    Callback intruder = new Callback() {
      @Override
      public void onEpochBegin(FitContext context, int epoch) {
        if (epoch == 1) {
          try (Graph graph = new Graph(); Fit other = fit(graph, new RingsModel(graph, 1), 3).runDirectory(run).build()) {
            other.run();
          } catch (Throwable t) {
            refused.add(t);
          }
        }
      }
    };
    try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 3).runDirectory(run).callback(intruder).build()) {
      assertEquals(3, fit.run().rows().size());
    }
    assertEquals(1, refused.size());
    assertTrue(refused.get(0) instanceof RunLock.InUseException, refused.get(0).toString());
  }

  @Test
  void savedModelOfAFitScoresLikeTheSession(@TempDir Path dir) throws IOException {
    float[][] probe = {{0.9f, 0.1f}, {2.1f, 0.2f}};
    float[] inSession;
    try (Graph graph = new Graph()) {
      RingsModel rings = new RingsModel(graph, 1);
      var probabilities = rings.tf.withName("probabilities").nn.softmax(rings.logits);
      try (Fit fit = fit(graph, rings, 4).build()) {
        fit.run();
        try (TFloat32 x = TFloat32.tensorOf(StdArrays.ndCopyOf(probe));
            Result r = fit.session().runner().feed(rings.x, x).fetch(probabilities).run()) {
          inSession = FloatReader.read((TFloat32) r.get(0));
        }
        fit.exportSavedModel(dir.resolve("saved"), Map.of("probabilities", probabilities));
      }
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.resolve("saved").toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(StdArrays.ndCopyOf(probe));
        var out = bundle.function("serving_default").call(Map.of("x", x))) {
      float[] served = FloatReader.read((TFloat32) out.get("probabilities").orElseThrow());
      assertEquals(inSession.length, served.length);
      for (int i = 0; i < served.length; i++) {
        assertEquals(inSession[i], served[i], 1e-6f);
      }
      assertTrue(served[0] > 0.5f && served[3] > 0.5f, "inner point class 0, outer point class 1");
    }
  }

  @Test
  void earlyStoppingEndsTheRunAndCheckpointsItsEpoch(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    History h;
    try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 12).runDirectory(run)
        .callback(new EarlyStopping("no_such_metric", 1, 0)).build()) {
      assertThrows(IllegalStateException.class, fit::run, "a metric the rows lack is named");
    }
    try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 12).runDirectory(dir.resolve("r2"))
        .callback(new EarlyStopping("accuracy", 2, 0.5)).build()) {
      h = fit.run();
    }
    assertEquals(3, h.rows().size(), "no accuracy gain of 0.5 after the first epoch: stops after 2 more");
    assertTrue(h.summary().get("stopped_early").toString().contains("accuracy"));
    var latest = new dev.lawn.train.checkpoint.CheckpointStore(dir.resolve("r2/checkpoints"), 3).latest().orElseThrow();
    assertEquals(3, latest.meta().epoch(), "the stopping epoch is checkpointed");
  }

  @Test
  void aScheduleOfTheUsersOwnDrivesTheRateAndBuildRunsOnce() throws IOException {
    try (Graph graph = new Graph()) {
      Fit.Builder builder = fit(graph, new RingsModel(graph, 1), 3)
          .optimization(ADAM_LAWN.withSchedule((peak, warmup, total) -> new dev.lawn.ops.schedule.ConstantRate(0.005)));
      try (Fit fit = builder.build()) {
        History h = fit.run();
        assertEquals(List.of(0.005, 0.005, 0.005), java.util.Arrays.stream(h.column("lr")).boxed().toList());
        assertEquals(3, h.rows().size(), "without a run folder the history holds this process's rows");
      }
      var twice = assertThrows(IllegalStateException.class, builder::build);
      assertTrue(twice.getMessage().contains("already"), twice.getMessage());
    }
  }

  @Test
  void badUseIsRejectedAtBuildTimeNamingTheThing() {
    try (Graph graph = new Graph()) {
      RingsModel rings = new RingsModel(graph, 1);
      var noVariables = assertThrows(IllegalArgumentException.class,
          () -> FitModel.builder().input("x", rings.x).label(rings.model().label()).logits(rings.logits).build());
      assertTrue(noVariables.getMessage().contains("no trainable variables"), noVariables.getMessage());
      var twice = rings.model().variables().get(0);
      var listedTwice = assertThrows(IllegalArgumentException.class,
          () -> rings.builder.variable(twice.name(), "hidden", VariableRole.KERNEL, twice.variable()).build());
      assertTrue(listedTwice.getMessage().contains("'hidden/kernel' is listed twice"), listedTwice.getMessage());
    }
    try (Graph graph = new Graph()) {
      RingsModel rings = new RingsModel(graph, 1);
      var noGroup = assertThrows(IllegalArgumentException.class, () -> fit(graph, rings, 5)
          .optimization(Optimization.withLawn(OptimizerSpec.Kind.ADAM, 0.02, 1, Optimization.LawnSettings
              .of(new SwitchPolicy.AtEpoch(2)).withGroups(GroupSelector.perLayer().roles(Set.of(VariableRole.EMBEDDING)))))
          .build());
      assertTrue(noGroup.getMessage().contains("selects none of the variables"), noGroup.getMessage());
    }
    try (Graph graph = new Graph()) {
      var tooShort = assertThrows(IllegalArgumentException.class, () -> fit(graph, new RingsModel(graph, 1), 1).build());
      assertTrue(tooShort.getMessage().contains("epochs (1) < E_free (2)"), tooShort.getMessage());
    }
    try (Graph graph = new Graph()) {
      RingsModel rings = new RingsModel(graph, 1);
      var missing = assertThrows(IllegalArgumentException.class, () -> Fit.builder(graph, rings.model())
          .data(new FeedBatches(2, 2, epoch -> List.<Map<String, Tensor>>of(
              Map.of("label", org.tensorflow.types.TInt32.vectorOf(0, 1))).iterator()))
          .optimization(ADAM_LAWN).epochs(3).build());
      assertTrue(missing.getMessage().contains("misses input x"), missing.getMessage());
    }
  }

  /** A stream that drops its last partial batch: the plan counts only the batches it trains on. */
  @Test
  void droppedRemainderCountsInScheduleAndSwitch(@TempDir Path dir) throws IOException {
    // 500 rows in batches of 64: 7 full batches, the 52-row rest dropped.
    BatchStream dropping = droppingRings(500, 64);
    assertEquals(7, dropping.batchesPerEpoch());
    History history;
    try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 3).data(dropping).build()) {
      history = fit.run();
    }
    assertEquals(List.of(7L, 14L, 21L), history.rows().stream().map(r -> ((Number) r.get("step")).longValue()).toList());
    // 21 steps, 7 of warm-up: the last step trained (20) is the decay's last, 1/14 of the peak 0.02
    // (planning 8 steps per epoch would leave it at 4/16 of the peak).
    assertEquals(0.02 / 14, history.column("lr")[2], 1e-12, "the decay ends on the last step trained");
    double[] norms = history.column("norm/output");
    assertEquals(norms[1], norms[2], 1e-5 * norms[1], "the switch falls on epoch 2's last step, as E_free 2 says");
    var empty = assertThrows(IllegalArgumentException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = fit(graph, new RingsModel(graph, 1), 3)
          .data(droppingRings(50, 64)).build()) {
        fit.run();
      }
    });
    assertTrue(empty.getMessage().contains("no batch per epoch"), empty.getMessage());
  }

  /** {@code n} ring points in lawn-data's own pipeline, batches of {@code batch}, the last partial one dropped. */
  static Pipeline droppingRings(int n, int batch) {
    int[] labels = new int[n];
    float[][] points = RingsModel.points(n, 3, labels);
    float[] flat = new float[2 * n];
    for (int i = 0; i < n; i++) {
      flat[2 * i] = points[i][0];
      flat[2 * i + 1] = points[i][1];
    }
    return Pipeline.from(ColumnSet.of(new FloatColumn("x", flat, 2), new IntColumn("label", labels))).shuffle(3)
        .batch(batch, true);
  }
}
