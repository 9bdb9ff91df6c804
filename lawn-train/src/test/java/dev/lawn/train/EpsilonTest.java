package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.train.distributed.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;

/** {@code --epsilon} / {@link Optimization#withEpsilon}: the paper's by default, the user's when set, none for SGD. */
class EpsilonTest {

  private static float epsilonOf(TrainConfig config) {
    return ZooGraph.optimization(config, Placement.singleDevice(), KernelChoice.GRAPH_OPS).spec().epsilon();
  }

  @Test
  void theDefaultIsThePapersAndAnEpsilonGivenIsUsed() {
    assertEquals(1e-8f, epsilonOf(TrainConfig.builder().optimizer("adam").build()));
    assertEquals(1e-6f, epsilonOf(TrainConfig.builder().optimizer("adam-lawn").build()));
    assertEquals(1e-6f, epsilonOf(TrainConfig.builder().optimizer("lamb").build()));
    // The epsilon adam-lawn had before it took the paper's: older runs can be reproduced.
    assertEquals(1e-8f, epsilonOf(TrainConfig.builder().optimizer("adam-lawn").epsilon(1e-8).build()));
    assertEquals(1e-3f, epsilonOf(TrainConfig.builder().optimizer("adamw").epsilon(1e-3).build()));
    Optimization lawn = Optimization.withLawn(Kind.LAMB, 1e-3, 1, Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2)));
    assertEquals(1e-6f, lawn.spec().epsilon());
    assertEquals(1e-7f, lawn.withEpsilon(1e-7).spec().epsilon());
    assertEquals(1e-7f, lawn.withEpsilon(1e-7).withSchedule((p, w, t) -> null).spec().epsilon(), "kept by withSchedule");
    // On a cluster Fit swaps in graph-op kernels: the rest of the optimization must survive it.
    Optimization tuned = lawn.withEpsilon(1e-7).withClipNorm(2);
    Optimization graphOps = tuned.withLawnSettings(tuned.lawn().withKernels(KernelChoice.GRAPH_OPS));
    assertEquals(KernelChoice.GRAPH_OPS, graphOps.lawn().kernels());
    assertEquals(1e-7f, graphOps.spec().epsilon());
    assertEquals(2f, graphOps.spec().clipNorm());
    assertEquals(tuned.schedule(), graphOps.schedule());
  }

  @Test
  void impossibleEpsilonsNameTheOption() {
    var e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().optimizer("sgd").epsilon(1e-6).build());
    assertEquals("--epsilon does not apply to sgd: SGD divides by no second moment", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().epsilon(-1e-8).build());
    assertTrue(e.getMessage().startsWith("--epsilon must be a finite number >= 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimization.plain(Kind.SGD, 0.1, 0, 0).withEpsilon(1e-6));
    assertTrue(e.getMessage().startsWith("epsilon does not apply to SGD"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimization.plain(Kind.ADAM, 0.1, 0, 0).withEpsilon(Double.NaN));
    assertTrue(e.getMessage().startsWith("epsilon must be a finite number >= 0"), e.getMessage());
  }

  @Test
  void aFitRecordsItsEpsilonAndAResumeMustKeepIt(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    FitAccumulationTest.stopAtSecondEpoch(run, FitAccumulationTest.ADAM_LAWN);
    assertEquals(0.0, RunDirectory.JSON.readTree(run.resolve(RunDirectory.CONFIG).toFile()).get("epsilon").asDouble());
    var other = assertThrows(IllegalArgumentException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = FitAccumulationTest.fit(graph, 100, 1, 2)
          .optimization(FitAccumulationTest.ADAM_LAWN.withEpsilon(1e-8)).runDirectory(run).build()) {
        fit.run();
      }
    });
    assertTrue(other.getMessage().contains("epsilon"), other.getMessage());
    // A folder written before the key existed resumes with the paper's epsilon.
    ObjectNode config = (ObjectNode) RunDirectory.JSON.readTree(run.resolve(RunDirectory.CONFIG).toFile());
    config.remove("epsilon");
    Files.writeString(run.resolve(RunDirectory.CONFIG), RunDirectory.JSON.writeValueAsString(config));
    try (Graph graph = new Graph(); Fit fit = FitAccumulationTest.fit(graph, 100, 1, 2).runDirectory(run).build()) {
      assertEquals(2, fit.run().rows().size());
    }
  }
}
