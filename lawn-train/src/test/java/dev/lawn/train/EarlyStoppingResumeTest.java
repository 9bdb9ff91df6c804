package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lawn.train.callbacks.EarlyStopping;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;

/**
 * {@link EarlyStopping}'s best value and count are checkpointed with the run's state: a run stopped
 * and resumed stops early at the same epoch as an uninterrupted one.
 */
class EarlyStoppingResumeTest {

  private static Fit.Builder fit(Graph graph, Path run) {
    return FitTest.fit(graph, new RingsModel(graph, 1), 12).runDirectory(run)
        .callback(new EarlyStopping("accuracy", 2, 0.5));
  }

  @Test
  void earlyStoppingKeepsItsCountAcrossAResume(@TempDir Path dir) throws IOException {
    History straight;
    try (Graph graph = new Graph(); Fit fit = fit(graph, dir.resolve("straight")).build()) {
      straight = fit.run();
    }
    assertEquals(3, straight.rows().size(), "no gain of 0.5 after the first epoch: stops after epoch 3");
    Path broken = dir.resolve("broken");
    Callback kill = new Callback() {
      @Override
      public void onEpochBegin(FitContext context, int epoch) {
        if (epoch == 2) { // after epoch 2, whose evaluation was the first without a gain
          throw new IllegalStateException("simulated kill");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> {
      try (Graph graph = new Graph(); Fit fit = fit(graph, broken).callback(kill).build()) {
        fit.run();
      }
    });
    History resumed;
    try (Graph graph = new Graph(); Fit fit = fit(graph, broken).build()) {
      resumed = fit.run(); // a count started afresh would see a gain at epoch 3 and stop only after epoch 5
    }
    assertEquals(3, resumed.rows().size(), "the resumed run stops at the straight run's epoch");
    assertEquals(straight.summary().get("stopped_early"), resumed.summary().get("stopped_early"));
  }
}
