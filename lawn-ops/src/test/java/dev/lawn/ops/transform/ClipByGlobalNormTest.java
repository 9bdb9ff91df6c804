package dev.lawn.ops.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@link ClipByGlobalNorm} on tensors whose global norm is known: 13 for (3, 4) and (12). */
class ClipByGlobalNormTest {

  /** The stage's output for {@code a} and {@code b} at clip norm {@code maxNorm}, then their global norm. */
  private static float[][] clip(float maxNorm, float[] a, float[] b) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      List<Operand<TFloat32>> updates = List.of(tf.constant(a), tf.constant(b));
      Updates out = new ClipByGlobalNorm(maxNorm).init(tf, List.of()).update(tf, updates, updates, tf.constant(1f));
      assertEquals(List.of(), out.stateUpdates(), "stateless");
      var runner = session.runner();
      out.values().forEach(runner::fetch);
      runner.fetch(ClipByGlobalNorm.globalNorm(tf, updates));
      List<float[]> values = new ArrayList<>();
      try (Result result = runner.run()) {
        for (int i = 0; i < 3; i++) {
          TFloat32 t = (TFloat32) result.get(i);
          float[] v = new float[(int) t.size()];
          t.asRawTensor().data().asFloats().read(v);
          values.add(v);
        }
      }
      return values.toArray(new float[0][]);
    }
  }

  @Test
  void aLongGradientIsScaledToTheClipNormAndAShortOneKept() {
    float[][] halved = clip(6.5f, new float[] {3, 4}, new float[] {12});
    assertArrayEquals(new float[] {1.5f, 2f}, halved[0], 1e-6f);
    assertArrayEquals(new float[] {6f}, halved[1], 1e-6f);
    assertEquals(13f, halved[2][0], 1e-5f, "global norm");
    float[][] kept = clip(20f, new float[] {3, 4}, new float[] {12});
    assertArrayEquals(new float[] {3, 4}, kept[0]);
    assertArrayEquals(new float[] {12}, kept[1]);
    float[][] atTheLimit = clip(13f, new float[] {3, 4}, new float[] {12});
    assertArrayEquals(new float[] {3, 4}, atTheLimit[0], 1e-6f);
  }

  @Test
  void aZeroGradientStaysZeroWithoutNaN() {
    float[][] out = clip(1f, new float[] {0, 0}, new float[] {0});
    assertArrayEquals(new float[] {0, 0}, out[0]);
    assertArrayEquals(new float[] {0}, out[1]);
    assertEquals(0f, out[2][0]);
  }

  @Test
  void theClipNormMustBePositiveAndFinite() {
    for (float bad : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
      var e = assertThrows(IllegalArgumentException.class, () -> new ClipByGlobalNorm(bad));
      assertEquals("clip norm must be finite and > 0, got " + bad, e.getMessage());
    }
    assertEquals("clip_by_global_norm(2.5)", new ClipByGlobalNorm(2.5f).name());
  }
}
