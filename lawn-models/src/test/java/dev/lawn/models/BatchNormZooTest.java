package dev.lawn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** The zoo's networks with batch normalization at Fashion-MNIST's size (issue 19). */
class BatchNormZooTest {

  static long count(List<TrainableVariable> vars, VariableRole role) {
    return vars.stream().filter(v -> v.role() == role).count();
  }

  @Test
  void scaledVgg19RunsOn28x28WithSixteenBatchNormsAndOneDenseLayer() {
    try (Graph g = new Graph()) {
      Model m = ModelZoo.classifier(Ops.create(g), "vgg19", 28, 28, 1, 10,
          ClassifierOptions.defaults().withWidthMultiplier(0.125));
      // Convolutions 8,8 | 16,16 | 32 x4 | 64 x4 | 64 x4, each 3x3 with bias; maps 28,14,7,4,2,1.
      long convs = (9 * 1 * 8 + 8) + (9 * 8 * 8 + 8) + (9 * 8 * 16 + 16) + (9 * 16 * 16 + 16)
          + (9 * 16 * 32 + 32) + 3 * (9 * 32 * 32 + 32) + (9 * 32 * 64 + 64) + 7 * (9 * 64 * 64 + 64);
      long norms = 2 * (8 + 8 + 16 + 16 + 4 * 32 + 8 * 64);
      long classifier = 64 * 10 + 10;
      assertEquals(convs + norms + classifier, m.parameterCount());
      assertEquals(315_554L, m.parameterCount());
      assertArrayEquals(new long[] {-1, 10}, m.logits().shape().asArray());
      List<TrainableVariable> vars = m.trainableVariables();
      assertEquals(16, count(vars, VariableRole.NORM_SCALE));
      assertEquals(16, count(vars, VariableRole.NORM_OFFSET));
      assertEquals(17, count(vars, VariableRole.KERNEL));
      assertEquals("classifier", vars.get(vars.size() - 1).layer());
    }
  }

  @Test
  void scaledVgg11HasEightBatchNorms() {
    try (Graph g = new Graph()) {
      Model m = ModelZoo.classifier(Ops.create(g), "vgg11", 28, 28, 1, 10,
          ClassifierOptions.defaults().withWidthMultiplier(0.125));
      long convs = (9 * 1 * 8 + 8) + (9 * 8 * 16 + 16) + (9 * 16 * 32 + 32) + (9 * 32 * 32 + 32)
          + (9 * 32 * 64 + 64) + 3 * (9 * 64 * 64 + 64);
      long norms = 2 * (8 + 16 + 2 * 32 + 4 * 64);
      assertEquals(convs + norms + 64 * 10 + 10, m.parameterCount());
      assertEquals(145_754L, m.parameterCount());
      assertEquals(8, count(m.trainableVariables(), VariableRole.NORM_SCALE));
      assertArrayEquals(new long[] {-1, 10}, m.logits().shape().asArray());
    }
  }

  @Test
  void smallCnnBnIsTheSmallCnnWithANormAfterEachConvolution() {
    try (Graph g = new Graph()) {
      ClassifierOptions half = ClassifierOptions.defaults().withWidthMultiplier(0.5);
      Model plain = ModelZoo.classifier(Ops.create(g).withSubScope("plain"), "small-cnn", 28, 28, 1, 10, half);
      Model bn = ModelZoo.classifier(Ops.create(g).withSubScope("bn"), "small-cnn-bn", 28, 28, 1, 10, half);
      assertEquals(117_434L, plain.parameterCount());
      assertEquals(117_434L + 2 * (16 + 16 + 32 + 32), bn.parameterCount());
      assertEquals(4, count(bn.trainableVariables(), VariableRole.NORM_SCALE));
      assertEquals(4, count(bn.trainableVariables(), VariableRole.NORM_OFFSET));
      assertEquals(0, count(plain.trainableVariables(), VariableRole.NORM_SCALE));
      assertEquals(4, bn.updateOps().size() / 2, "two moving statistics per norm");
    }
  }
}
