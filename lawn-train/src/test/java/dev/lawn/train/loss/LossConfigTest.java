package dev.lawn.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class LossConfigTest {

  @Test
  void namesBuildTheirLosses() {
    assertInstanceOf(SigmoidBinaryCrossEntropy.class, LossConfig.of("bce").create());
    assertInstanceOf(SoftmaxCrossEntropy.class, LossConfig.of("Softmax-CE").create());
    Loss focal = LossConfig.of("focal").withFocalGamma(1.5).create();
    assertEquals(1.5, assertInstanceOf(FocalLoss.class, focal).gamma());
    assertEquals("focal(gamma=2.0)", LossConfig.of("focal").create().name());
    assertEquals("softmax-ce(eps=0.1)", LossConfig.of("softmax-ce").withLabelSmoothing(0.1).create().name());
  }

  @Test
  void positiveFloodingLevelWrapsTheLoss() {
    Loss loss = LossConfig.of("bce").withLabelSmoothing(0.05).withFloodingLevel(0.02).create();
    Flooding flooding = assertInstanceOf(Flooding.class, loss);
    assertEquals(0.02, flooding.level());
    assertEquals("bce(eps=0.05)", flooding.inner().name());
    assertInstanceOf(SoftmaxCrossEntropy.class, LossConfig.of("softmax-ce").withFloodingLevel(0).create());
  }

  @Test
  void everyGuardThrowsNamingTheOption() {
    assertThrowsNaming("loss 'hinge'", () -> LossConfig.of("hinge"));
    assertThrowsNaming("loss 'null'", () -> LossConfig.of(null));
    assertThrowsNaming("focal-gamma", () -> LossConfig.of("focal").withFocalGamma(-0.5));
    assertThrowsNaming("focal-gamma", () -> LossConfig.of("focal").withFocalGamma(Double.NaN));
    assertThrowsNaming("label-smoothing", () -> LossConfig.of("bce").withLabelSmoothing(1.0));
    assertThrowsNaming("label-smoothing", () -> LossConfig.of("softmax-ce").withLabelSmoothing(-0.1));
    assertThrowsNaming("label-smoothing", () -> LossConfig.of("focal").withLabelSmoothing(0.1));
    assertThrowsNaming("flooding", () -> LossConfig.of("bce").withFloodingLevel(-0.01));
    assertThrowsNaming("flooding", () -> LossConfig.of("bce").withFloodingLevel(Double.POSITIVE_INFINITY));
    // The loss classes share the same guards.
    assertThrowsNaming("focal-gamma", () -> new FocalLoss(-1));
    assertThrowsNaming("label-smoothing", () -> new SoftmaxCrossEntropy(1.5));
    assertThrowsNaming("label-smoothing", () -> new SigmoidBinaryCrossEntropy(-1));
    assertThrowsNaming("flooding", () -> new Flooding(new FocalLoss(2), -1));
  }

  @Test
  void layoutMistakesAreRejectedWhileBuildingTheGraph() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var binaryLogits = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(4)));
      var multiLogits = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(4, 3)));
      var unknownRank = tf.placeholder(TFloat32.class);
      var floatLabels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(4)));
      var intLabels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(4)));
      assertThrowsNaming("use softmax-ce", () -> new SigmoidBinaryCrossEntropy().perExample(tf, multiLogits, intLabels));
      assertThrowsNaming("use bce", () -> new SoftmaxCrossEntropy().perExample(tf, binaryLogits, floatLabels));
      assertThrowsNaming("TInt32", () -> new SoftmaxCrossEntropy().perExample(tf, multiLogits, floatLabels));
      assertThrowsNaming("TFloat32", () -> new FocalLoss(2).perExample(tf, binaryLogits, intLabels));
      assertThrowsNaming("unknown rank", () -> Margins.of(tf, unknownRank, intLabels));
    }
  }

  private static void assertThrowsNaming(String fragment, Executable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
    assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks " + fragment);
  }
}
