package dev.lawn.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FloodingTest {

  private static final float[] LOGITS = {2f, -1f, 0.5f, 3f};
  private static final float[] LABELS = {1f, 0f, 1f, 0f};

  @Test
  void aboveTheFloodLevelNothingChanges() {
    Loss inner = new SigmoidBinaryCrossEntropy();
    LossGraph.Evaluation plain = LossGraph.evaluate(inner, LOGITS, 4, 0, LABELS);
    LossGraph.Evaluation flooded =
        LossGraph.evaluate(new Flooding(inner, 0.01), LOGITS, 4, 0, LABELS);
    assertEquals(plain.scalar(), flooded.scalar(), 1e-6);
    assertArrayEquals(plain.gradient(), flooded.gradient(), 1e-7f);
    assertArrayEquals(plain.perExample(), flooded.perExample());
  }

  @Test
  void belowTheFloodLevelTheLossIsReflectedAndTheGradientFlips() {
    Loss inner = new SigmoidBinaryCrossEntropy();
    LossGraph.Evaluation plain = LossGraph.evaluate(inner, LOGITS, 4, 0, LABELS);
    double b = plain.scalar() + 0.5;
    LossGraph.Evaluation flooded = LossGraph.evaluate(new Flooding(inner, b), LOGITS, 4, 0, LABELS);
    assertEquals(Math.abs(plain.scalar() - b) + b, flooded.scalar(), 1e-5);
    for (int i = 0; i < LOGITS.length; i++) {
      assertEquals(-plain.gradient()[i], flooded.gradient()[i], 1e-7, "gradient " + i);
    }
  }

  @Test
  void nameSaysWhatIsFlooded() {
    assertEquals("softmax-ce+flood(b=0.05)", new Flooding(new SoftmaxCrossEntropy(), 0.05).name());
  }
}
