package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.data.image.ChannelNormalization;
import dev.lawn.data.image.ImageAugmentation;
import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.image.ImagePipelines;
import dev.lawn.models.Model;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.optim.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;

/**
 * {@link Fit.Builder#replicate}: a lawn-models model fitted on 2 virtual CPU devices trains like one
 * device, resumes like a straight run, and bad settings fail at build naming the setting.
 */
class FitReplicationTest {

  static final ImageDataset IMAGES = FitZooModelTest.bands(600, 200, 8, 3);
  static final ChannelNormalization NORMALIZATION = ChannelNormalization.fitTo(IMAGES);
  static final String TWO = "cpu:0,cpu:1";
  /**
   * Towers against one device: the same logits and loss, but each variable's gradient is the sum of
   * the two towers' halves instead of one reduction over the batch, so the runs differ by float32
   * rounding. Measured on these runs: at most about 4e-6 relative (a margin percentile near 0.008
   * after one epoch), and 1e-7 fails; 1e-5, as the trainer's replication test
   * ({@code ReplicatedTrainerTest}) uses, is a float32 rounding bound still far below any real
   * difference (a tower ignoring its share changes the loss in the second digit).
   */
  static final double TOLERANCE = 1e-5;

  /** The tiny mlp with Adam-LAWN (E_free = 2) on batches of 45: the last of each epoch (15 rows) splits 8/7. */
  static Fit.Builder fit(Graph graph, int batch, String devices, Function<Ops, Model> factory) {
    Ops tf = Ops.create(graph);
    FitModel model = FitModel.of(FitZooModelTest.TINY_MLP.apply(tf),
        tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))));
    Fit.Builder b = Fit.builder(graph, model)
        .data(ImagePipelines.training(IMAGES, new ImageAugmentation(0, false, NORMALIZATION), 2, batch, false, 2))
        .optimization(Optimization.withLawn(OptimizerSpec.Kind.ADAM, 3e-3, 1,
            Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2))))
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
    try (Graph g = new Graph()) {
      run(fit(g, 45, null, null), dir.resolve("moved"));
    }
    TrainerTest.assertRowsClose(TrainerTest.rows(dir.resolve("straight")), TrainerTest.rows(dir.resolve("moved")), TOLERANCE);
    assertTrue(RunDirectory.JSON.readTree(dir.resolve("moved/config.json").toFile()).get("devices").isNull());
  }
}
