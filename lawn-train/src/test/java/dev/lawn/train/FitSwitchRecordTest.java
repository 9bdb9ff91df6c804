package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.optim.OptimizerSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;

/** A fit's config.json names its switch rule, so a resume with another rule is refused. */
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
}
