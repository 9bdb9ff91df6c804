package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.data.image.ChannelNormalization;
import dev.lawn.data.image.ImageAugmentation;
import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.image.ImagePipelines;
import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelZoo;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.optim.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@link Fit.Builder#replicate}: a lawn-models model fitted on 2 virtual CPU devices trains like one
 * device, resumes like a straight run, and bad settings fail at build naming the setting.
 */
class FitReplicationTest {

  static final ImageDataset IMAGES = FitZooModelTest.bands(600, 200, 8, 3);
  static final ChannelNormalization NORMALIZATION = ChannelNormalization.fitTo(IMAGES);
  static final String TWO = "cpu:0,cpu:1";
  static final Optimization ADAM_LAWN = Optimization.withLawn(OptimizerSpec.Kind.ADAM, 3e-3, 1,
      Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2)));
  /**
   * Towers against one device: the same logits and loss, but each variable's gradient is the sum of
   * the two towers' halves instead of one reduction over the batch, so the runs differ by float32
   * rounding. Measured on these runs: at most about 4e-6 relative (a margin percentile near 0.008
   * after one epoch), and 1e-7 fails; hence 1e-5, the bound the trainer's replication test
   * ({@code ReplicatedTrainerTest}) uses too.
   */
  static final double TOLERANCE = 1e-5;

  /** The tiny mlp with Adam-LAWN (E_free = 2) on batches of 45: the last of each epoch (15 rows) splits 8/7. */
  static Fit.Builder fit(Graph graph, int batch, String devices, Function<Ops, Model> factory) {
    Ops tf = Ops.create(graph);
    return fit(tf, FitZooModelTest.TINY_MLP.apply(tf), batch, devices, factory);
  }

  /** The same for a model already built in {@code tf}'s graph. */
  static Fit.Builder fit(Ops tf, Model mlp, int batch, String devices, Function<Ops, Model> factory) {
    FitModel model = FitModel.of(mlp, tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))));
    Fit.Builder b = Fit.builder((Graph) tf.scope().env(), model)
        .data(ImagePipelines.training(IMAGES, new ImageAugmentation(0, false, NORMALIZATION), 2, batch, false, 2))
        .optimization(ADAM_LAWN)
        .epochs(4)
        .evaluation(Evaluations.classifier(tf, model, ImagePipelines.evaluation(IMAGES, NORMALIZATION, 100, 1)))
        .seed(3);
    return devices == null ? b : b.replicate(devices, factory);
  }

  static History run(Fit.Builder builder, Path dir) throws IOException {
    try (Fit fit = builder.runDirectory(dir).build()) {
      return fit.run();
    }
  }

  @Test
  void twoCpuDevicesFitLikeOne(@TempDir Path dir) throws IOException {
    History one;
    History two;
    try (Graph g = new Graph()) {
      one = run(fit(g, 45, null, null), dir.resolve("one"));
    }
    try (Graph g = new Graph()) {
      two = run(fit(g, 45, TWO, FitZooModelTest.TINY_MLP), dir.resolve("two"));
    }
    TrainerTest.assertRowsClose(TrainerTest.rows(dir.resolve("one")), TrainerTest.rows(dir.resolve("two")), TOLERANCE);
    assertTrue(two.column("accuracy")[3] > 0.8, two.rows().toString());
    assertEquals(List.of("free", "free", "constrained", "constrained"), two.rows().stream().map(r -> r.get("phase")).toList());
    // LAWN's invariant: from the switch (end of epoch 2) on, every constrained layer keeps its norm.
    List<String> norms = two.rows().get(0).keySet().stream().filter(k -> k.startsWith("norm/")).toList();
    assertEquals(2, norms.size(), "hidden and output layers: " + two.rows().get(0).keySet());
    for (String column : norms) {
      double[] c = two.column(column);
      assertTrue(Math.abs(c[3] - c[1]) <= 1e-5 * c[1] && Math.abs(c[2] - c[1]) <= 1e-5 * c[1],
          column + " stays at its switch value: " + java.util.Arrays.toString(c));
    }
    assertEquals(TWO, two.summary().get("devices"));
    assertEquals(TWO, RunDirectory.JSON.readTree(dir.resolve("two/config.json").toFile()).get("devices").asText());
    assertTrue(RunDirectory.JSON.readTree(dir.resolve("one/config.json").toFile()).get("devices").isNull());
    assertTrue(!one.summary().containsKey("devices"));
  }

  /** A graph of one's own replicates once it is written as a {@link Model} that a function of {@code Ops} builds. */
  @Test
  void aHandWrittenModelReplicatesLikeOneDevice(@TempDir Path dir) throws IOException {
    Function<Ops, Model> own = HandWrittenModel::new;
    History two;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      run(fit(tf, own.apply(tf), 45, null, null), dir.resolve("one"));
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      two = run(fit(tf, own.apply(tf), 45, TWO, own), dir.resolve("two"));
    }
    TrainerTest.assertRowsClose(TrainerTest.rows(dir.resolve("one")), TrainerTest.rows(dir.resolve("two")), TOLERANCE);
    assertTrue(two.column("accuracy")[3] > 0.8, two.rows().toString());
    double[] output = two.column("norm/output");
    assertEquals(output[1], output[3], 1e-5 * output[1], "the output layer keeps its norm from the switch on");
  }

  @Test
  void replicatedAccumulationStepsLikeOneDevice(@TempDir Path dir) throws IOException {
    try (Graph g = new Graph()) {
      run(fit(g, 25, null, null).accumulate(2), dir.resolve("one"));
    }
    try (Graph g = new Graph()) {
      run(fit(g, 25, TWO, FitZooModelTest.TINY_MLP).accumulate(2), dir.resolve("two"));
    }
    List<JsonNode> two = TrainerTest.rows(dir.resolve("two"));
    TrainerTest.assertRowsClose(TrainerTest.rows(dir.resolve("one")), two, TOLERANCE);
    assertEquals(4 * 12, two.get(3).get("step").asLong(), "24 passes of 25 an epoch, 12 optimizer steps");
  }

  @Test
  void stoppedAndResumedReplicatedFitMatchesAStraightOne(@TempDir Path dir) throws IOException {
    try (Graph g = new Graph()) {
      run(fit(g, 45, TWO, FitZooModelTest.TINY_MLP), dir.resolve("straight"));
    }
    Callback kill = new Callback() {
      @Override
      public void onEpochBegin(FitContext context, int epoch) {
        if (epoch == 2) {
          throw new IllegalStateException("simulated kill");
        }
      }
    };
    for (String name : List.of("broken", "moved")) {
      assertThrows(IllegalStateException.class, () -> {
        try (Graph g = new Graph()) {
          run(fit(g, 45, TWO, FitZooModelTest.TINY_MLP).callback(kill), dir.resolve(name));
        }
      });
    }
    History resumed;
    try (Graph g = new Graph()) {
      resumed = run(fit(g, 45, TWO, FitZooModelTest.TINY_MLP), dir.resolve("broken"));
    }
    assertEquals(4, resumed.rows().size());
    TrainerTest.assertRowsClose(TrainerTest.rows(dir.resolve("straight")), TrainerTest.rows(dir.resolve("broken")), 0);
    // Devices may change on resume, as with lawn train --devices: the checkpoint holds the one set of
    // variables, whatever the towers; config.json then names the devices of the last session.
    List<String> messages = new java.util.ArrayList<>();
    Callback listen = new Callback() {
      @Override
      public void onMessage(String message) {
        messages.add(message);
      }
    };
    try (Graph g = new Graph()) {
      run(fit(g, 45, null, null).callback(listen), dir.resolve("moved"));
    }
    assertTrue(messages.stream().anyMatch(m -> m.startsWith("resumed from")
        && m.endsWith("; written on cpu:0,cpu:1, resumed on one device)")), messages.toString());
    TrainerTest.assertRowsClose(TrainerTest.rows(dir.resolve("straight")), TrainerTest.rows(dir.resolve("moved")), TOLERANCE);
    assertTrue(RunDirectory.JSON.readTree(dir.resolve("moved/config.json").toFile()).get("devices").isNull());
  }

  @Test
  void aReplicatedFitExportsASavedModelThatScoresLikeTheSessionOnOneDevice(@TempDir Path dir) throws IOException {
    float[] pixels = new float[3 * 8 * 8];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) Math.sin(i);
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Model mlp = FitZooModelTest.TINY_MLP.apply(tf);
      try (Fit fit = fit(tf, mlp, 45, TWO, FitZooModelTest.TINY_MLP).epochs(2).build();
          TFloat32 images = TFloat32.tensorOf(Shape.of(3, 8, 8, 1), DataBuffers.of(pixels))) {
        fit.run();
        fit.exportSavedModel(dir.resolve("saved_model"), Map.of("logits", mlp.logits()));
        // The export names cpu:1 nowhere, so a plain session (one CPU device) loads and runs it.
        try (Result trained = fit.session().runner().feed(mlp.inputs().get("image"), images).fetch(mlp.logits()).run();
            SavedModelBundle bundle = SavedModelBundle.load(dir.resolve("saved_model").toString(), "serve");
            Result served = bundle.function("serving_default").call(Map.of("image", images))) {
          TFloat32 expected = (TFloat32) trained.get(0);
          TFloat32 actual = (TFloat32) served.get("logits").orElseThrow();
          assertEquals(expected.shape(), actual.shape());
          for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 4; c++) {
              assertEquals(expected.getFloat(i, c), actual.getFloat(i, c), 1e-6, "row " + i + " class " + c);
            }
          }
        }
      }
    }
  }

  @Test
  void badReplicationIsRejectedBeforeTrainingNamingTheSetting() {
    DeviceSpec cpu0 = DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build();
    DeviceSpec onWorker = DeviceSpec.newBuilder().job("worker").task(1).deviceType(DeviceSpec.DeviceType.CPU)
        .deviceIndex(0).build();
    Function<Ops, Model> wider = tf -> ModelZoo.classifier(tf, "mlp", 8, 8, 1, 4,
        ClassifierOptions.defaults().withSeed(2).withMlpHiddenUnits(List.of(32)));
    Function<Ops, Model> deeper = tf -> ModelZoo.classifier(tf, "mlp", 8, 8, 1, 4,
        ClassifierOptions.defaults().withSeed(2).withMlpHiddenUnits(List.of(16, 16)));
    Map<String, Function<Graph, Fit.Builder>> cases = new LinkedHashMap<>();
    cases.put("Fit.Builder.replicate: no devices", g -> fit(g, 45, null, null).replicate(List.of(), FitZooModelTest.TINY_MLP));
    cases.put("Fit.Builder.replicate: 'tpu:1' is not a device", g -> fit(g, 45, "cpu:0,tpu:1", FitZooModelTest.TINY_MLP));
    cases.put("Fit.Builder.replicate: cpu:0 is listed twice",
        g -> fit(g, 45, null, null).replicate(List.of(cpu0, cpu0), FitZooModelTest.TINY_MLP));
    cases.put("names a job, replica or task",
        g -> fit(g, 45, null, null).replicate(List.of(cpu0, onWorker), FitZooModelTest.TINY_MLP));
    cases.put("Fit.Builder.replicate needs a FitModel of a lawn-models Model", g -> {
      RingsModel rings = new RingsModel(g, 1);
      return Fit.builder(g, rings.model()).data(RingsModel.batches(300, 100, 5)).optimization(ADAM_LAWN).epochs(4)
          .replicate(TWO, FitZooModelTest.TINY_MLP);
    });
    cases.put("Fit.Builder.replicate: variable", g -> fit(g, 45, TWO, wider)); // same variables, other shapes
    cases.put("Fit.Builder.replicate: the tower model has 6 variables, the main model 4", g -> fit(g, 45, TWO, deeper));
    cases.put("Fit.Builder.replicate: with gpu towers build the model on cpu:0",
        g -> fit(g, 45, "gpu:0,gpu:1", FitZooModelTest.TINY_MLP));
    cases.put("Fit.Builder.replicate: no device /device:GPU:1", g -> {
      Ops onCpu0 = Ops.create(g).withDevice(cpu0); // accepted for gpu towers; then no GPU is found here
      return fit(onCpu0, FitZooModelTest.TINY_MLP.apply(onCpu0), 45, "cpu:1,gpu:1", FitZooModelTest.TINY_MLP);
    });
    cases.put("is placed on /device:CPU:1", g -> {
      Ops onCpu1 = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(1).build());
      return fit(onCpu1, FitZooModelTest.TINY_MLP.apply(onCpu1), 45, TWO, FitZooModelTest.TINY_MLP);
    });
    cases.forEach((expected, builder) -> {
      try (Graph g = new Graph()) {
        // Device text is parsed by replicate(String), everything else checked by build(): before any training.
        var e = assertThrows(IllegalArgumentException.class, () -> builder.apply(g).build().close(), expected);
        assertTrue(e.getMessage().contains(expected) && !e.getMessage().contains("\n"), e.getMessage());
      }
    });
  }
}
