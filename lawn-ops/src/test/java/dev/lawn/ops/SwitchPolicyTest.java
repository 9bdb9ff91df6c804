package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchPolicyTest {

  @Test
  void textIsWhatParseReadsSoARunFolderNamesThePolicy() {
    for (String text : List.of("5", "steps:1000", "auto", "never", "margin-level:2", "margin-level:3.5", "loss-knee:0.25")) {
      assertEquals(text, SwitchPolicy.parse(text).text());
    }
    assertEquals("margin-level:2", SwitchPolicy.parse("margin-level").text(), "a rule with its default parameter");
    assertEquals("steps:0", SwitchPolicy.parse("hoffer").text());
    assertEquals("auto(threshold=3.0, min_growth=0.02, patience=2, min_epochs=1)",
        new SwitchPolicy.Automatic(3, 0.02, 2, 1).text());
  }

  @Test
  void parsesEveryForm() {
    assertEquals(new SwitchPolicy.AtEpoch(5), SwitchPolicy.parse("5"));
    assertEquals(new SwitchPolicy.AtStep(1000), SwitchPolicy.parse("steps:1000"));
    assertEquals(new SwitchPolicy.AtStep(0), SwitchPolicy.parse("hoffer"));
    assertEquals(new SwitchPolicy.Never(), SwitchPolicy.parse("never"));
    assertEquals(SwitchPolicy.Automatic.defaults(), SwitchPolicy.parse("AUTO"));
    var e = assertThrows(IllegalArgumentException.class, () -> SwitchPolicy.parse("soon"));
    assertTrue(e.getMessage().contains("e-free"));
    assertThrows(IllegalArgumentException.class, () -> SwitchPolicy.parse("-2"));
  }

  @Test
  void fixedPoliciesGiveTheirStep() {
    assertEquals(Optional.of(300L), new SwitchPolicy.AtEpoch(3).switchStep(100));
    assertEquals(Optional.of(0L), SwitchPolicy.hoffer().switchStep(100));
    assertEquals(Optional.empty(), new SwitchPolicy.Never().switchStep(100));
  }

  @Test
  void automaticSwitchesOnThresholdOrFlatGrowth() {
    var auto = new SwitchPolicy.Automatic(5, 0.05, 2, 1);
    assertTrue(auto.decide(new double[] {}).isEmpty());
    assertTrue(auto.decide(new double[] {0.5, 1.0, 2.0}).isEmpty(), "still growing fast");
    assertTrue(auto.decide(new double[] {0.5, 1.0, 6.0}).orElseThrow().contains("threshold"));
    assertTrue(auto.decide(new double[] {1.0, 2.0, 2.02, 2.05}).orElseThrow().contains("flattened"));
    var late = new SwitchPolicy.Automatic(5, 0.05, 2, 4);
    assertTrue(late.decide(new double[] {6, 6, 6}).isEmpty(), "not before minEpochs");
  }
}
