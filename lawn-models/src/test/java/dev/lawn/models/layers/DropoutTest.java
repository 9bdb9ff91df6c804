package dev.lawn.models.layers;

import static dev.lawn.models.TestTensors.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class DropoutTest {

  @Test
  void dropsAtTheRateWhenTrainingAndPassesThroughOtherwise() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      LayerContext ctx = LayerContext.create(tf, 5);
      Operand<TFloat32> ones = tf.ones(tf.constant(new int[] {100, 100}), TFloat32.class);
      Operand<TFloat32> y = new Dropout(0.3f).apply(ctx, ones);
      float[] first;
      try (Session s = new Session(g)) {
        try (Result r = s.runner().fetch(y).run()) {
          float[] inference = floats(r.get(0));
          float[] expected = new float[inference.length];
          Arrays.fill(expected, 1f);
          assertArrayEquals(expected, inference);
        }
        first = trainingOutput(s, ctx, y);
        int zeros = 0;
        for (float v : first) {
          if (v == 0) {
            zeros++;
          } else {
            assertEquals(1 / 0.7f, v, 1e-6f);
          }
        }
        assertEquals(0.3, zeros / (double) first.length, 0.02);
        assertFalse(Arrays.equals(first, trainingOutput(s, ctx, y)), "a new mask every step");
      }
      try (Session fresh = new Session(g)) {
        // Same sequence of runs as above: the mask is drawn on every run, in either mode.
        fresh.runner().fetch(y).run().close();
        assertArrayEquals(first, trainingOutput(fresh, ctx, y), "seeded: a fresh session replays the masks");
      }
    }
  }

  private static float[] trainingOutput(Session s, LayerContext ctx, Operand<TFloat32> y) {
    try (TBool yes = TBool.scalarOf(true); Result r = s.runner().feed(ctx.training(), yes).fetch(y).run()) {
      return floats(r.get(0));
    }
  }
}
