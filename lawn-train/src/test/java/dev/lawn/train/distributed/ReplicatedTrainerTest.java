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
      TrainConfig config = single.toBuilder().devices(devices.split(" ")[0]).cluster(null).clusterTimeoutSeconds(0).build();
      if (devices.endsWith("micro 256")) {
        config = RunComparison.config(data, "adam-lawn", 1024, 256, 2, "1").toBuilder().devices(devices.split(" ")[0]).cluster(null).clusterTimeoutSeconds(0).build();
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
    var device = assertThrows(IllegalArgumentException.class, () -> base.toBuilder().devices("tpu:0").build());
    assertTrue(device.getMessage().startsWith("--devices: 'tpu:0'"), device.getMessage());
    var twice = assertThrows(IllegalArgumentException.class, () -> base.toBuilder().devices("cpu:0,cpu:0").build());
    assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    // A cluster (addresses or a file) is read when the run starts, not when its configuration is made.
    var cluster = assertThrows(IllegalArgumentException.class,
        () -> base.toBuilder().cluster("127.0.0.1:99999").build().placement().placement());
    assertTrue(cluster.getMessage().contains("--cluster") && cluster.getMessage().contains("99999"), cluster.getMessage());
    var timeout = assertThrows(IllegalArgumentException.class, () -> base.toBuilder().clusterTimeoutSeconds(-1).build());
    assertTrue(timeout.getMessage().startsWith("--cluster-timeout-seconds"), timeout.getMessage());
    assertTrue(!base.toBuilder().clusterTimeoutSeconds(10).build().placement().placement().replicated());
  }
}
