package dev.lawn.ops.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.transform.Chain;
import dev.lawn.ops.transform.ClipByGlobalNorm;
import dev.lawn.ops.transform.GradientTransform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OptimizerSpec#withClipNorm}: off by default, first in the chain when on, kept by the other withers. */
class OptimizerSpecClipNormTest {

  private static List<GradientTransform> stages(OptimizerSpec spec) {
    return ((Chain) spec.transform()).stages();
  }

  @Test
  void theDefaultsDoNotClip() {
    for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
      for (boolean lawn : new boolean[] {false, true}) {
        OptimizerSpec spec = OptimizerSpec.defaults(kind, 0f, lawn);
        assertEquals(0f, spec.clipNorm());
        assertTrue(stages(spec).stream().noneMatch(s -> s instanceof ClipByGlobalNorm), spec.transform().name());
      }
    }
  }

  @Test
  void clippingComesFirstAndTheRuleIsUnchanged() {
    for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
      OptimizerSpec plain = OptimizerSpec.defaults(kind, 0.01f);
      List<GradientTransform> clipped = stages(plain.withClipNorm(2f));
      assertEquals(new ClipByGlobalNorm(2f), clipped.get(0), kind + ": the loss gradient is clipped before any decay");
      assertEquals(stages(plain).stream().map(GradientTransform::name).toList(),
          clipped.subList(1, clipped.size()).stream().map(GradientTransform::name).toList());
      assertEquals(stages(plain).size(), stages(plain.withClipNorm(2f).withClipNorm(0f)).size(), "0 turns it off");
    }
  }

  @Test
  void theWithersKeepEachOther() {
    OptimizerSpec spec = OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM, 0f, true).withClipNorm(1.5f).withEpsilon(1e-8f);
    assertEquals(1.5f, spec.clipNorm());
    assertEquals(1e-8f, spec.withClipNorm(3f).epsilon());
    assertEquals(0f, new OptimizerSpec(OptimizerSpec.Kind.SGD, 0f, 0.9f, 0.999f, 1e-8f, 0.9f, false).clipNorm());
  }

  @Test
  void anImpossibleClipNormIsRefused() {
    OptimizerSpec spec = OptimizerSpec.defaults(OptimizerSpec.Kind.SGD, 0f);
    for (float bad : new float[] {-1f, Float.NaN, Float.POSITIVE_INFINITY}) {
      var e = assertThrows(IllegalArgumentException.class, () -> spec.withClipNorm(bad));
      assertEquals("clip norm must be finite and >= 0 (0: no clipping), got " + bad, e.getMessage());
    }
  }
}
