package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.serving.ServingModel;
import dev.lawn.train.Callback;
import dev.lawn.train.FitContext;
import dev.lawn.train.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;

class FitCustomModelTest {

  /** The columns that depend on the computation only (not on the clock). */
  static List<Object> deterministic(Map<String, Object> row) {
    return row.entrySet().stream().filter(e -> !e.getKey().contains("second")).map(Map.Entry::getValue).toList();
  }

  @Test
  void stoppedAndResumedRunEqualsAStraightOneAndItsSavedModelScores(@TempDir Path dir) throws Exception {
    History straight = FitCustomModel.train(dir.resolve("straight"), FitCustomModel.EPOCHS);
    assertEquals("free", straight.rows().get(1).get("phase"));
    assertEquals("constrained", straight.rows().get(2).get("phase"), "Adam-LAWN switched after E_free = 2");
    assertTrue(((Number) straight.summary().get("accuracy")).doubleValue() > 0.9, straight.summary().toString());

    Path run = dir.resolve("stopped");
    Callback stopAtEpoch5 = new Callback() {
      @Override
      public void onEpochBegin(FitContext context, int epoch) {
        if (epoch == 5) {
          throw new IllegalStateException("stopped");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> FitCustomModel.train(run, FitCustomModel.EPOCHS, stopAtEpoch5));
    assertFalse(Files.exists(run.resolve("summary.json")), "an interrupted run is not finished");
    History resumed = FitCustomModel.train(run, FitCustomModel.EPOCHS);
    assertEquals(straight.rows().size(), resumed.rows().size());
    for (int i = 0; i < straight.rows().size(); i++) {
      assertEquals(deterministic(straight.rows().get(i)), deterministic(resumed.rows().get(i)), "epoch " + (i + 1));
    }

    // Served as a serving-only project would: lawn-serving's ServingModel, no lawn-train class.
    SpiralData fresh = new SpiralData(300, 99);
    try (ServingModel served = ServingModel.load(run.resolve("saved_model"));
        TFloat32 x = TFloat32.tensorOf(StdArrays.ndCopyOf(fresh.points));
        var out = served.call(Map.<String, Tensor>of("x", x))) {
      assertFalse(served.hasModelJson(), "a fit's export has no lawn assets: it is served as it is");
      TFloat32 p = (TFloat32) out.get("probabilities").orElseThrow();
      int correct = 0;
      for (int i = 0; i < fresh.labels.length; i++) {
        int best = 0;
        for (int c = 1; c < SpiralData.CLASSES; c++) {
          best = p.getFloat(i, c) > p.getFloat(i, best) ? c : best;
        }
        correct += best == fresh.labels[i] ? 1 : 0;
      }
      assertTrue(correct > 0.9 * fresh.labels.length, "served accuracy " + correct + "/" + fresh.labels.length);
    }
  }
}
