package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.ops.transform.Chain;
import dev.lawn.ops.transform.ClipByGlobalNorm;
import dev.lawn.train.config.TrainOptions;
import dev.lawn.train.distributed.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;

/**
 * {@code --clip-norm} / {@link Optimization#withClipNorm}: off by default, the chain's first stage
 * when set, recorded and kept across a resume, and the {@code grad_norm} columns that help pick it.
 */
class ClipNormTest {

  private static float clipNormOf(TrainConfig config) {
    return ZooGraph.optimization(config, Placement.singleDevice(), KernelChoice.GRAPH_OPS).spec().clipNorm();
  }

  @Test
  void offByDefaultAndAClipNormGivenIsUsed() {
    assertEquals(0f, clipNormOf(TrainConfig.defaults()));
    assertEquals(2.5f, clipNormOf(TrainConfig.builder().optimizer("adam-lawn").clipNorm(2.5).build()));
    assertEquals(1f, clipNormOf(TrainConfig.builder().optimizer("sgd").clipNorm(1).build()));
    assertEquals(0.5, TrainOptions.resolve(TrainOptions.parseFlags(List.of("--clip-norm", "0.5"))).config()
        .optimizer().clipNorm(), "lawn train's and TrainMain's flag");
    Optimization plain = Optimization.plain(Kind.ADAMW, 1e-3, 0.01, 1).withClipNorm(3);
    assertEquals(new ClipByGlobalNorm(3f), ((Chain) plain.spec().transform()).stages().get(0));
    assertEquals(3f, plain.withEpsilon(1e-7).withSchedule((p, w, t) -> null).spec().clipNorm(), "kept by the withers");
    assertEquals(1e-7f, plain.withEpsilon(1e-7).withClipNorm(1).spec().epsilon());
    assertEquals(0f, FitAccumulationTest.ADAM_LAWN.spec().clipNorm());
  }

  @Test
  void impossibleClipNormsNameTheOption() {
    var e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().clipNorm(-1).build());
    assertEquals("--clip-norm must be a finite number >= 0, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().clipNorm(Double.NaN).build());
    assertEquals("--clip-norm must be a finite number >= 0, got NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TrainOptions.resolve(Map.of("clip_norm", "-0.5"), null));
    assertTrue(e.getMessage().contains("--clip-norm must be a finite number >= 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimization.plain(Kind.SGD, 0.1, 0, 0).withClipNorm(-2));
    assertEquals("clip norm must be a finite number >= 0 (0: no clipping), got -2.0", e.getMessage());
  }

  /**
   * A fit with clipping records it; a resume with another clip norm is refused, with the same one it
   * trains on; its rows carry the pre-clip norms, above the clip norm here, and an older folder without
   * the key resumes as unclipped.
   */
  @Test
  void aFitRecordsItsClipNormAResumeMustKeepItAndTheRowsShowTheNorms(@TempDir Path dir) throws Exception {
    Optimization clipped = FitAccumulationTest.ADAM_LAWN.withClipNorm(0.01);
    Path run = dir.resolve("clipped");
    FitAccumulationTest.stopAtSecondEpoch(run, clipped);
    assertEquals(0.01, RunDirectory.JSON.readTree(run.resolve(RunDirectory.CONFIG).toFile()).get("clip_norm").asDouble());
    var other = assertThrows(IllegalArgumentException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = FitAccumulationTest.fit(graph, 100, 1, 2).runDirectory(run).build()) {
        fit.run();
      }
    });
    assertTrue(other.getMessage().contains("clip_norm"), other.getMessage());
    History history;
    try (Graph graph = new Graph(); Fit fit = FitAccumulationTest.fit(graph, 100, 1, 2).optimization(clipped)
        .runDirectory(run).build()) {
      history = fit.run();
    }
    assertEquals(List.of("free", "constrained"), history.rows().stream().map(r -> r.get("phase")).toList());
    double[] mean = history.column("grad_norm");
    double[] max = history.column("grad_norm_max");
    for (int epoch = 0; epoch < 2; epoch++) {
      assertTrue(Double.isFinite(mean[epoch]) && mean[epoch] > 0.01, "epoch " + epoch + ": the norm before clipping, " + mean[epoch]);
      assertTrue(max[epoch] >= mean[epoch], "epoch " + epoch + ": max " + max[epoch] + " mean " + mean[epoch]);
    }

    Path old = dir.resolve("old");
    FitAccumulationTest.stopAtSecondEpoch(old, FitAccumulationTest.ADAM_LAWN);
    ObjectNode config = (ObjectNode) RunDirectory.JSON.readTree(old.resolve(RunDirectory.CONFIG).toFile());
    assertEquals(0.0, config.get("clip_norm").asDouble());
    config.remove("clip_norm");
    Files.writeString(old.resolve(RunDirectory.CONFIG), RunDirectory.JSON.writeValueAsString(config));
    try (Graph graph = new Graph(); Fit fit = FitAccumulationTest.fit(graph, 100, 1, 2).runDirectory(old).build()) {
      assertEquals(2, fit.run().rows().size());
    }
  }

}
