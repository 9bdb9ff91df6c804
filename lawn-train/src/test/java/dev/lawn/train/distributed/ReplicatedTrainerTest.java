package dev.lawn.train.distributed;

import static dev.lawn.train.distributed.RunComparison.assertLossesClose;
import static dev.lawn.train.distributed.RunComparison.assertRowsClose;
import static dev.lawn.train.distributed.RunComparison.assertWeightsClose;
import static dev.lawn.train.distributed.RunComparison.finalWeights;
import static dev.lawn.train.distributed.RunComparison.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.SyntheticRatingsAccess;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer on 2 and 4 virtual CPU devices against one device: Adam-LAWN through its switch. */
class ReplicatedTrainerTest {

  @Test
  void twoAndFourDevicesTrainLikeOne(@TempDir Path dir) throws IOException {
    Path data = SyntheticRatingsAccess.write(dir.resolve("data"), 60, 150, 20, 7);
    // 5700 rows a epoch in steps of 1024: the last step of each epoch (580 rows) is short.
    TrainConfig single = RunComparison.config(data, "adam-lawn", 1024, 2, "1");
    RunComparison.StepLosses reference = new RunComparison.StepLosses();
    new Trainer(single, dir.resolve("single"), reference).run();
    // Also 2 towers fed micro-batches of 256 accumulated in the graph.
    for (String devices : List.of("cpu:0,cpu:1", "cpu:0,cpu:1,cpu:2,cpu:3", "cpu:0,cpu:1 micro 256")) {
      TrainConfig config = single.withPlacement(devices.split(" ")[0], null, 0);
      if (devices.endsWith("micro 256")) {
        config = RunComparison.config(data, "adam-lawn", 1024, 256, 2, "1").withPlacement(devices.split(" ")[0], null, 0);
      }
      Path run = dir.resolve(devices.replace(':', '_').replace(',', '-').replace(' ', '-'));
      RunComparison.StepLosses steps = new RunComparison.StepLosses();
      Map<String, Object> summary = new Trainer(config, run, steps).run();
      assertEquals(1, summary.get("switch_epoch"));
      int towers = devices.split(" ")[0].split(",").length;
      assertTrue(steps.messages.stream().anyMatch(m -> m.startsWith("data-parallel on " + towers + " towers")),
          steps.messages.toString());
      assertLossesClose(reference.losses, steps.losses, 1e-5);
      assertRowsClose(rows(dir.resolve("single")), rows(run), 1e-5);
      assertWeightsClose(finalWeights(single, dir.resolve("single")), finalWeights(config, run), 1e-5);
    }
  }

  @Test
  void badPlacementOptionsAreNamed() {
    TrainConfig base = TrainConfig.defaults();
    var device = assertThrows(IllegalArgumentException.class, () -> base.withPlacement("tpu:0", null, 0).validate());
    assertTrue(device.getMessage().startsWith("--devices: 'tpu:0'"), device.getMessage());
    var twice = assertThrows(IllegalArgumentException.class, () -> base.withPlacement("cpu:0,cpu:0", null, 0).validate());
    assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    var cluster = assertThrows(IllegalArgumentException.class,
        () -> base.withPlacement(null, "127.0.0.1:99999", 0).validate());
    assertTrue(cluster.getMessage().contains("--cluster") && cluster.getMessage().contains("99999"), cluster.getMessage());
    var timeout = assertThrows(IllegalArgumentException.class, () -> base.withPlacement(null, null, -1).validate());
    assertTrue(timeout.getMessage().startsWith("--cluster-timeout-seconds"), timeout.getMessage());
    assertTrue(!base.withPlacement(null, null, 10).placement().replicated());
  }
}
