package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;

/** A lawn-models zoo model fed by a lawn-data pipeline, through {@link Fit}: the automatic switch on margins. */
class FitZooModelTest {

  /** The zoo's mlp with one hidden layer of 16 on {@link #bands} images (8 x 8, 4 classes): a tiny lawn-models model. */
  static final Function<Ops, Model> TINY_MLP = tf -> ModelZoo.classifier(tf, "mlp", 8, 8, 1, 4,
      ClassifierOptions.defaults().withSeed(2).withMlpHiddenUnits(List.of(16)));

  @Test
  void zooModelAndPipelineTrainWithTheAutomaticSwitch() throws IOException {
    ImageDataset images = bands(600, 200, 8, 3);
    ChannelNormalization normalization = ChannelNormalization.fitTo(images);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Model mlp = ModelZoo.classifier(tf, "mlp", 8, 8, 1, 4, ClassifierOptions.defaults().withSeed(2));
      FitModel model = FitModel.of(mlp, tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))));
      try (Fit fit = Fit.builder(graph, model)
          .data(ImagePipelines.training(images, new ImageAugmentation(0, false, normalization), 2, 50, false, 2))
          .optimization(Optimization.withLawn(OptimizerSpec.Kind.ADAM, 3e-3, 1,
              Optimization.LawnSettings.of(new SwitchPolicy.Automatic(10.0, 0.02, 2, 1))))
          .epochs(10)
          .evaluation(Evaluations.classifier(tf, model, ImagePipelines.evaluation(images, normalization, 100, 1)))
          .build()) {
        History h = fit.run();
        assertEquals(10, h.rows().size());
        assertTrue(h.column("accuracy")[9] > 0.8, h.rows().get(9).toString());
        Object switched = h.summary().get("switch_epoch");
        assertTrue(switched instanceof Integer, "the automatic rule switched: " + h.summary());
        assertTrue(h.summary().get("switch_reason").toString().startsWith("auto: median margin"));
        int at = (Integer) switched;
        // Decided at the end of epoch `at`: that epoch's row already says constrained, the one before free.
        assertTrue(at >= 2, "the margin needs an epoch to grow: " + h.rows());
        assertEquals("free", h.rows().get(at - 2).get("phase"));
        assertEquals("constrained", h.rows().get(at - 1).get("phase"));
      }
    }
  }

  /** Class c brightens row band c of {@code side x side} images. */
  static ImageDataset bands(int train, int test, int side, long seed) {
    Random r = new Random(seed);
    float[][] pixels = new float[2][];
    int[][] labels = {new int[train], new int[test]};
    int[] counts = {train, test};
    for (int split = 0; split < 2; split++) {
      pixels[split] = new float[counts[split] * side * side];
      for (int i = 0; i < counts[split]; i++) {
        int c = r.nextInt(4);
        labels[split][i] = c;
        for (int p = 0; p < side * side; p++) {
          boolean band = p / side / (side / 4) == c;
          pixels[split][i * side * side + p] = (float) (r.nextDouble() * 0.3 + (band ? 0.6 : 0));
        }
      }
    }
    return new ImageDataset("bands", side, side, 1, 4, pixels[0], labels[0], pixels[1], labels[1],
        List.of("a", "b", "c", "d"));
  }
}
