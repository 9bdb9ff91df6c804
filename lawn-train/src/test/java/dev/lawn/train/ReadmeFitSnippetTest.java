package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.image.ChannelNormalization;
import dev.lawn.data.image.ImageAugmentation;
import dev.lawn.data.image.ImagePipelines;
import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelZoo;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.VariableRole;
import dev.lawn.ops.optim.OptimizerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** README's fit program, as printed there between the marked lines (its run folder in a temporary one), runs. */
class ReadmeFitSnippetTest {

  static final int rows = 300;

  static Iterator<Map<String, Tensor>> feeds(int epoch) {
    return RingsModel.batches(rows, 100, 5).epochs.apply(epoch);
  }

  @Test
  void readmeProgramTrainsAndExports(@TempDir Path dir) throws Exception {
    FeedBatches testBatches = RingsModel.batches(200, 100, 6);
    Path out = dir.resolve("runs/mine");
    // --- README
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      var x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      var label = tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Variable<TFloat32> w = tf.withName("w").variable(tf.withInitScope().random.truncatedNormal(
          tf.constant(new long[] {2, 3}), TFloat32.class, TruncatedNormal.seed(1L)));
      Variable<TFloat32> b = tf.withName("b").variable(tf.withInitScope().zeros(tf.constant(new long[] {3}), TFloat32.class));
      Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(x, w), b);
      FitModel model = FitModel.builder().input("x", x).label(label).logits(logits)
          .variable("dense/kernel", "dense", VariableRole.KERNEL, w)
          .variable("dense/bias", "dense", VariableRole.BIAS, b)
          .build();
      var probabilities = tf.nn.softmax(logits);
      try (Fit fit = Fit.builder(graph, model)
          .data(new FeedBatches(100, rows, epoch -> feeds(epoch)))  // feeds "x" and "label"; or any lawn-data BatchStream
          .optimization(Optimization.withLawn(OptimizerSpec.Kind.ADAM, 1e-2, 1,
              Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2))))  // E_free = 2
          .epochs(8)
          .evaluation(Evaluations.classifier(tf, model, testBatches))     // accuracy and ECE
          .runDirectory(out)
          .build()) {
        History history = fit.run();  // resumes when runs/mine holds an unfinished run
        fit.exportSavedModel(out.resolve("saved_model"), Map.of("probabilities", probabilities));
        // --- end README
        assertEquals(8, history.rows().size());
        assertEquals("constrained", history.rows().get(2).get("phase"));
      }
    }
    assertTrue(Files.exists(out.resolve("saved_model/saved_model.pb")));
  }

  @Test
  void readmeReplicatedProgramTrainsOnTwoCpuDevices(@TempDir Path dir) throws Exception {
    int side = 8;
    int classes = 4;
    var images = FitZooModelTest.bands(600, 200, side, 3);
    var trainBatches = ImagePipelines.training(images,
        new ImageAugmentation(0, false, ChannelNormalization.fitTo(images)), 2, 50, false, 2);
    Path out = dir.resolve("runs/mlp-2cpu");
    // --- README
    Function<Ops, Model> mlp = tf -> ModelZoo.classifier(tf, "mlp", side, side, 1, classes,
        ClassifierOptions.defaults().withSeed(1));
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      FitModel model = FitModel.of(mlp.apply(tf),
          tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))));
      try (Fit fit = Fit.builder(graph, model)
          .data(trainBatches)                  // feeds "image" and "label"; each batch is split over the towers
          .replicate("cpu:0,cpu:1", mlp)       // or gpu:0,gpu:1, or a List<DeviceSpec>
          .optimization(Optimization.withLawn(OptimizerSpec.Kind.ADAM, 1e-3, 1,
              Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2))))
          .epochs(4)
          .runDirectory(out)
          .build()) {
        fit.run();
        // --- end README
      }
    }
    assertEquals("cpu:0,cpu:1", RunReader.config(out).get("devices"));
    assertEquals("cpu:0,cpu:1", RunReader.summary(out).fields().get("devices"));
    assertEquals(4, RunReader.metrics(out).size());
  }
}
