package dev.lawn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class OpTimeProfileTest {

  @Test
  void countsEachOpTypeOncePerStep() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.random.randomUniform(tf.constant(new int[] {64, 64}), TFloat32.class);
      Operand<TFloat32> z = tf.random.randomUniform(tf.constant(new int[] {64, 64}), TFloat32.class);
      Operand<TFloat32> y = tf.math.add(tf.linalg.matMul(x, z), tf.math.mul(x, z)); // x*x would become Square
      OpTimeProfile.Profile p = OpTimeProfile.of(() -> s.runner().fetch(y), 2, 5);
      assertEquals(1.0, p.byType().get("Add").count(), 1e-9, p.byType().toString());
      assertEquals(1.0, p.byType().get("Mul").count(), 1e-9, p.byType().toString());
      assertTrue(p.byType().keySet().stream().anyMatch(k -> k.contains("MatMul")), p.byType().toString());
      assertTrue(p.kernelMicros() > 0 && p.spanMicros() > 0, p.toString());
      assertTrue(p.nodes() >= 4, p.toString());
      double sum = p.byType().values().stream().mapToDouble(OpTimeProfile.TypeCost::micros).sum();
      assertEquals(p.kernelMicros(), sum, 1e-6 * Math.max(1, sum));
      assertFalse(p.byType().containsKey(""), "every node has a type");
    }
  }

  @Test
  void refusesNoSteps() {
    assertThrows(IllegalArgumentException.class, () -> OpTimeProfile.of(() -> null, 0, 0));
  }
}
