package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.optim.OptimizerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;

/** What a fit reports: its config.json names its switch rule (a resume with another is refused); every step reaches the callbacks. */
class FitSwitchRecordTest {

  private static Optimization lawn(String eFree) {
    return Optimization.withLawn(OptimizerSpec.Kind.ADAM, 0.02, 1,
        Optimization.LawnSettings.of(SwitchPolicy.parse(eFree)));
  }

  @Test
  void aRuleIsRecordedByItsNameAndAnotherRuleCannotResumeTheRun(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    FitAccumulationTest.stopAtSecondEpoch(run, lawn("margin-level:3"));
    assertEquals("margin-level:3",
        RunDirectory.JSON.readTree(run.resolve(RunDirectory.CONFIG).toFile()).get("e_free").asText());
    var other = assertThrows(IllegalArgumentException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = FitAccumulationTest.fit(graph, 100, 1, 2).optimization(lawn("loss-knee"))
          .runDirectory(run).build()) {
        fit.run();
      }
    });
    assertTrue(other.getMessage().contains("e_free") && other.getMessage().contains("loss-knee:0.25"), other.getMessage());
  }

  /** Every optimizer step reaches the callbacks, sampled for margins and gradient norms or not. */
  @Test
  void everyStepReachesTheCallbacks() throws Exception {
    List<String> steps = new ArrayList<>();
    Callback count = new Callback() {
      @Override
      public void onStep(FitContext context, int epoch, int stepInEpoch, int stepsPerEpoch, DoubleSupplier loss) {
        steps.add(epoch + ":" + stepInEpoch + "/" + stepsPerEpoch);
      }
    };
    try (Graph graph = new Graph(); Fit fit = FitAccumulationTest.fit(graph, 20, 1, 2).callback(count).build()) {
      fit.run();
    }
    // 512 examples in batches of 20: 26 steps an epoch (the last of 12), every second one sampled.
    List<String> expected = new ArrayList<>();
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int s = 1; s <= 26; s++) {
        expected.add(epoch + ":" + s + "/26");
      }
    }
    assertEquals(expected, steps);
  }
}
