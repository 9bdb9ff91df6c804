package dev.lawn.ops.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class WarmupLinearDecayTest {

  final WarmupLinearDecay schedule = new WarmupLinearDecay(0.1, 10, 110);

  @Test
  void javaValuesAtWarmupStartPeakAndEnd() {
    assertEquals(0.01, schedule.rateAt(0), 1e-12);
    assertEquals(0.1, schedule.rateAt(9), 1e-12, "peak at the last warm-up step");
    assertEquals(0.1, schedule.rateAt(10), 1e-12, "decay starts at the peak");
    assertEquals(0.05, schedule.rateAt(60), 1e-12);
    assertEquals(0.001, schedule.rateAt(109), 1e-12);
    assertEquals(0.0, schedule.rateAt(110), 1e-12);
    assertEquals(0.0, schedule.rateAt(500), 1e-12);
    assertEquals(0.1, new WarmupLinearDecay(0.1, 0, 100).rateAt(0), 1e-12, "no warm-up starts at the peak");
  }

  @Test
  void graphAgreesWithJava() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TInt64> step = tf.placeholder(TInt64.class);
      var rate = schedule.rate(tf, step);
      for (long t : new long[] {0, 5, 9, 10, 37, 60, 109, 110, 200}) {
        try (TInt64 in = TInt64.scalarOf(t); Result r = s.runner().feed(step, in).fetch(rate).run()) {
          assertEquals(schedule.rateAt(t), ((TFloat32) r.get(0)).getFloat(), 1e-7, "step " + t);
        }
      }
    }
  }

  @Test
  void impossibleSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new WarmupLinearDecay(-1, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new WarmupLinearDecay(0.1, 20, 10));
    assertThrows(IllegalArgumentException.class, () -> new WarmupLinearDecay(0.1, -1, 10));
    assertThrows(IllegalArgumentException.class, () -> new WarmupLinearDecay(0.1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ConstantRate(Double.NaN));
  }
}
