package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.optim.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;

/** {@link Fit.Builder#accumulate}: passes of one batch summed in the graph into steps of several. */
class FitAccumulationTest {

  /** 512 examples: five steps of 100 and a short sixth of 12, which accumulates a single short pass. */
  static final int ROWS = 512;

  static final Optimization ADAM_LAWN = Optimization.withLawn(OptimizerSpec.Kind.ADAM, 0.02, 1,
      Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(1)));

  /** {@code RingsModel.batches} cuts one (seed, epoch) order of the examples, whatever the batch size. */
  static Fit.Builder fit(Graph graph, int batch, int passesPerStep, int epochs) {
    RingsModel rings = new RingsModel(graph, 1);
    FitModel model = rings.model();
    return Fit.builder(graph, model).data(RingsModel.batches(ROWS, batch, 3)).accumulate(passesPerStep)
        .optimization(ADAM_LAWN).epochs(epochs)
        .evaluation(Evaluations.classifier(rings.tf, model, RingsModel.batches(256, 128, 9))).seed(3);
  }

  /** A fit of two epochs into {@code run}, stopped as the second begins. */
  static void stopAtSecondEpoch(Path run, Optimization optimization) {
    Callback stop = new Callback() {
      @Override
      public void onEpochBegin(FitContext context, int epoch) {
        if (epoch == 1) {
          throw new IllegalStateException("stopped");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = fit(graph, 100, 1, 2).optimization(optimization)
          .runDirectory(run).callback(stop).build()) {
        fit.run();
      }
    });
  }

  @Test
  void twoAccumulatedBatchesOf50StepLikeOneBatchOf100(@TempDir Path dir) throws IOException {
    try (Graph graph = new Graph(); Fit fit = fit(graph, 100, 1, 3).runDirectory(dir.resolve("whole")).build()) {
      fit.run();
    }
    History accumulated;
    try (Graph graph = new Graph(); Fit fit = fit(graph, 50, 2, 3).runDirectory(dir.resolve("micro")).build()) {
      accumulated = fit.run();
    }
    List<JsonNode> whole = TrainerTest.rows(dir.resolve("whole"));
    List<JsonNode> micro = TrainerTest.rows(dir.resolve("micro"));
    TrainerTest.assertRowsClose(whole, micro, 1e-5);
    assertEquals(6 * 3, micro.get(2).get("step").asLong(), "the steps counted are optimizer steps: 6 an epoch");
    assertEquals(List.of("free", "constrained", "constrained"),
        accumulated.rows().stream().map(r -> r.get("phase")).toList(), "one free epoch, then switched at a step boundary");
    double[] loss = accumulated.column("loss");
    assertTrue(loss[2] < loss[0], "it learns: " + java.util.Arrays.toString(loss));
    double[] norms = accumulated.column("norm/output");
    assertEquals(norms[1], norms[2], 1e-5 * norms[1], "the output layer's norm stays where the switch fixed it");
  }

  @Test
  void stoppedAndResumedAccumulatingFitMatchesAStraightOne(@TempDir Path dir) throws IOException {
    try (Graph graph = new Graph(); Fit fit = fit(graph, 50, 2, 4).runDirectory(dir.resolve("straight")).build()) {
      fit.run();
    }
    Path broken = dir.resolve("broken");
    Callback kill = new Callback() {
      @Override
      public void onEpochBegin(FitContext context, int epoch) {
        if (epoch == 2) {
          throw new IllegalStateException("simulated kill");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = fit(graph, 50, 2, 4).runDirectory(broken).callback(kill).build()) {
        fit.run();
      }
    });
    var otherSteps = assertThrows(IllegalArgumentException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = fit(graph, 50, 1, 4).runDirectory(broken).build()) {
        fit.run();
      }
    });
    assertTrue(otherSteps.getMessage().contains("accumulate 2 -> 1"), otherSteps.getMessage());
    try (Graph graph = new Graph(); Fit fit = fit(graph, 50, 2, 4).runDirectory(broken).build()) {
      assertEquals(4, fit.run().rows().size());
    }
    TrainerTest.assertRowsClose(TrainerTest.rows(dir.resolve("straight")), TrainerTest.rows(broken), 0);
  }

  @Test
  void accumulateBelowOneIsRejectedAtBuildNamingTheOption() {
    try (Graph graph = new Graph()) {
      var zero = assertThrows(IllegalArgumentException.class, () -> fit(graph, 50, 0, 3).build());
      assertTrue(zero.getMessage().contains("accumulate") && zero.getMessage().contains("got 0"), zero.getMessage());
    }
  }
}
