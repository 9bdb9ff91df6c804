package dev.lawn.ops.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lawn.ops.transform.Chain;
import dev.lawn.ops.transform.ScaleByAdam;
import org.junit.jupiter.api.Test;

/** The paper's epsilons (§4): 1e-8 for Adam, 1e-6 for Adam-LAWN, LAMB and LAMB-LAWN. */
class OptimizerSpecEpsilonTest {

  @Test
  void adamAloneKeeps1e8AndEveryOtherAdaptiveOptimizerGets1e6() {
    assertEquals(1e-8f, OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM, 1e-4f).epsilon());
    assertEquals(1e-8f, OptimizerSpec.defaults(OptimizerSpec.Kind.ADAMW, 1e-4f, false).epsilon());
    assertEquals(1e-6f, OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM, 0f, true).epsilon(), "Adam-LAWN");
    assertEquals(1e-6f, OptimizerSpec.defaults(OptimizerSpec.Kind.ADAMW, 0f, true).epsilon(), "AdamW-LAWN");
    assertEquals(1e-6f, OptimizerSpec.defaults(OptimizerSpec.Kind.LAMB, 0.01f).epsilon(), "LAMB");
    assertEquals(1e-6f, OptimizerSpec.defaults(OptimizerSpec.Kind.LAMB, 0f, true).epsilon(), "LAMB-LAWN");
  }

  @Test
  void theUpdateRuleUsesIt() {
    for (boolean lawn : new boolean[] {false, true}) {
      OptimizerSpec spec = OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM, 0f, lawn);
      ScaleByAdam adam = (ScaleByAdam) ((Chain) spec.transform()).stages().stream()
          .filter(s -> s instanceof ScaleByAdam).findFirst().orElseThrow();
      assertEquals(lawn ? 1e-6f : 1e-8f, adam.epsilon());
    }
  }
}
