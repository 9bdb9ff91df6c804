package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwoLayerClassifierTest {

  @Test
  void adamLawnLearnsTheRingsAndKeepsNormsFixed() {
    var outcome = TwoLayerClassifier.train(400, 100, 1);
    assertTrue(outcome.accuracy() > 0.95, "accuracy " + outcome.accuracy());
    assertEquals(2, outcome.targetNorms().length, "one group per layer");
    for (int g = 0; g < 2; g++) {
      assertEquals(outcome.targetNorms()[g], outcome.normsAfterSwitch()[g], 1e-5 * outcome.targetNorms()[g]);
    }
  }
}
