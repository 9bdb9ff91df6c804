package dev.lawn.ops.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.SwitchPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The automatic switch rules on synthetic per-epoch histories. */
class SwitchRulesTest {

  /** Epoch k (1-based) gets losses[k-1] and margins[k-1]. */
  private static List<EpochObservation> history(double[] losses, double[] margins) {
    List<EpochObservation> h = new ArrayList<>();
    for (int i = 0; i < margins.length; i++) {
      h.add(new EpochObservation(i + 1, losses[i], margins[i]));
    }
    return h;
  }

  /**
   * Shaped like plain Adam on ML-100k at batch 10,000 (warm-up 3): the median margin reaches about 2
   * with the warm-up, stalls, then climbs; the loss falls fast and then slowly.
   */
  private static final double[] MARGINS = {0.01, 0.95, 1.94, 1.99, 2.02, 2.10, 2.30, 2.47, 2.57, 2.66, 2.81, 2.90};
  private static final double[] LOSSES = {0.671, 0.426, 0.356, 0.349, 0.341, 0.328, 0.313, 0.303, 0.293, 0.285,
      0.277, 0.270};

  @Test
  void marginLevelSwitchesAtTheFirstEpochAtTheLevel() {
    var gate = new SwitchGate(new MarginLevelRule(2.0), 3);
    assertEquals(OptionalInt.of(5), gate.replay(history(LOSSES, MARGINS)));
    assertEquals(OptionalInt.of(8), new SwitchGate(new MarginLevelRule(2.4), 3).replay(history(LOSSES, MARGINS)));
    assertEquals(OptionalInt.empty(), new SwitchGate(new MarginLevelRule(5), 3).replay(history(LOSSES, MARGINS)));
    String why = gate.decide(history(LOSSES, MARGINS).subList(0, 5), false).orElseThrow();
    assertTrue(why.startsWith("margin-level:2: median training margin 2.020 reached 2.000 after epoch 5"), why);
  }

  @Test
  void lossKneeSwitchesWhenTheRelativeFallCollapses() {
    // Falls: 36.5 %, 16.4 %, 2.0 %: epoch 4's is under a quarter of the fastest.
    assertEquals(OptionalInt.of(4), new SwitchGate(new LossKneeRule(0.25), 3).replay(history(LOSSES, MARGINS)));
    // A loss falling by the same fraction every epoch has no knee.
    double[] geometric = new double[12];
    for (int i = 0; i < geometric.length; i++) {
      geometric[i] = 0.7 * Math.pow(0.8, i);
    }
    assertEquals(OptionalInt.empty(), new SwitchGate(new LossKneeRule(0.25), 0).replay(history(geometric, MARGINS)));
    String why = new LossKneeRule(0.25).decide(history(LOSSES, MARGINS).subList(0, 4)).orElseThrow();
    assertTrue(why.contains("fell 1.97% in epoch 4") && why.contains("(36.5%)"), why);
  }

  @Test
  void neverBeforeTheWarmupEnds() {
    double[] early = {3, 4, 5, 6, 7, 8, 9, 10};
    double[] loss = {0.7, 0.1, 0.099, 0.098, 0.097, 0.096, 0.095, 0.094};
    // Without a warm-up the margin rule fires at once; the loss rule needs two falls, the old auto a
    // margin of 5.
    Map<SwitchRule, Integer> ungated = Map.of(new MarginLevelRule(2), 1, new LossKneeRule(0.25), 3,
        new MarginPlateauRule(SwitchPolicy.Automatic.defaults()), 3);
    for (Map.Entry<SwitchRule, Integer> e : ungated.entrySet()) {
      SwitchRule rule = e.getKey();
      for (double warmup : new double[] {0, 2.5, 4, 6}) {
        var gate = new SwitchGate(rule, warmup);
        int first = gate.replay(history(loss, early)).orElseThrow();
        assertEquals(Math.max(e.getValue(), (int) Math.ceil(warmup)), first, rule.name() + ", warm-up " + warmup);
        for (int n = 1; n < first; n++) {
          assertEquals(Optional.empty(), gate.decide(history(loss, early).subList(0, n), false));
        }
      }
    }
  }

  @Test
  void neverTwice() {
    var gate = new SwitchGate(new MarginLevelRule(2), 1);
    List<EpochObservation> h = history(LOSSES, MARGINS);
    assertTrue(gate.decide(h, false).isPresent(), "the rule holds at epoch 12");
    assertEquals(Optional.empty(), gate.decide(h, true), "a switched run is never switched again");
  }

  @Test
  void theSameDecisionAfterAResume() {
    // A resumed run rebuilds the gate and its history (from the checkpoint) and asks again: each
    // epoch's decision depends only on the history up to it, so it is the uninterrupted run's.
    List<EpochObservation> full = history(LOSSES, MARGINS);
    for (String name : List.of("margin-level", "margin-level:2.4", "loss-knee", "loss-knee:0.5")) {
      SwitchRule rule = SwitchRules.parse(name).orElseThrow();
      OptionalInt uninterrupted = new SwitchGate(rule, 3).replay(full);
      for (int resumeAt = 1; resumeAt < full.size(); resumeAt++) {
        List<EpochObservation> restored = new ArrayList<>(full.subList(0, resumeAt)); // as the checkpoint held it
        SwitchGate fresh = new SwitchGate(SwitchRules.parse(name).orElseThrow(), 3);
        OptionalInt before = fresh.replay(restored);
        OptionalInt after = OptionalInt.empty();
        for (int e = resumeAt; e < full.size() && before.isEmpty() && after.isEmpty(); e++) {
          restored.add(full.get(e));
          if (fresh.decide(restored, false).isPresent()) {
            after = OptionalInt.of(e + 1);
          }
        }
        assertEquals(uninterrupted, before.isPresent() ? before : after, name + " resumed after epoch " + resumeAt);
      }
    }
  }

  @Test
  void parsesNamesAndParameters() {
    assertEquals(Optional.of(new MarginLevelRule(2)), SwitchRules.parse("margin-level"));
    assertEquals(Optional.of(new MarginLevelRule(2.5)), SwitchRules.parse("Margin-Level:2.5"));
    assertEquals(Optional.of(new LossKneeRule(0.25)), SwitchRules.parse("loss-knee"));
    assertEquals("loss-knee:0.3", SwitchRules.parse("loss-knee:0.3").orElseThrow().name());
    assertEquals("margin-level:3", SwitchRules.parse("margin-level:3").orElseThrow().name());
    assertEquals(Optional.empty(), SwitchRules.parse("5"));
    assertEquals(new SwitchPolicy.ByRule(new MarginLevelRule(2)), SwitchPolicy.parse("margin-level"));
    assertEquals(Optional.of(new MarginPlateauRule(SwitchPolicy.Automatic.defaults())),
        SwitchRules.of(SwitchPolicy.parse("auto")));
    assertEquals(Optional.empty(), SwitchRules.of(SwitchPolicy.parse("5")));
    var e = assertThrows(IllegalArgumentException.class, () -> SwitchPolicy.parse("margin-level:high"));
    assertTrue(e.getMessage().contains("margin-level"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SwitchPolicy.parse("margin-level:0"));
    assertThrows(IllegalArgumentException.class, () -> SwitchPolicy.parse("loss-knee:1.5"));
  }
}
