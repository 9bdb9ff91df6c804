package dev.lawn.train.distributed;

import static dev.lawn.train.distributed.RunComparison.assertLossesClose;
import static dev.lawn.train.distributed.RunComparison.assertRowsClose;
import static dev.lawn.train.distributed.RunComparison.assertWeightsClose;
import static dev.lawn.train.distributed.RunComparison.finalWeights;
import static dev.lawn.train.distributed.RunComparison.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --worker-input}: two worker JVMs on loopback each produce their towers' batches from the
 * data set on "their" disk; the client sends no batch. Training equals one process; a run stopped
 * mid-way resumes (the feeders drop the old run's production); a worker without the data says so.
 */
class WorkerInputTest extends LoopbackClusterTest {

  private static TrainConfig onWorkers(TrainConfig single) {
    return single.toBuilder().devices(null).cluster(workers.cluster.toString()).clusterTimeoutSeconds(STEP_TIMEOUT_SECONDS).workerInput(true).build();
  }

  @Test
  void workersFeedingTheirOwnTowersTrainLikeOneProcess() throws IOException {
    // A batch of 500 over 2 towers with micro-batches of 250: uneven last steps, accumulation, the switch.
    for (int micro : new int[] {0, 250}) {
      TrainConfig single = RunComparison.config(data, "adam-lawn", 500, micro, 3, "1");
      RunComparison.StepLosses reference = new RunComparison.StepLosses();
      Path one = dir.resolve("single-" + micro);
      new Trainer(single, one, reference).run();

      TrainConfig cluster = onWorkers(single);
      RunComparison.StepLosses steps = new RunComparison.StepLosses();
      Path fed = dir.resolve("fed-" + micro);
      new Trainer(cluster, fed, steps).run();
      assertEquals(reference.losses.size(), steps.losses.size(), "steps");
      assertLossesClose(reference.losses, steps.losses, 1e-5);
      assertRowsClose(rows(one), rows(fed), 1e-5);
      assertWeightsClose(finalWeights(single, one), finalWeights(cluster, fed), 1e-5);
    }
    assertTrue(workers.log(1).contains("feeding towers 1..1 of 2, epochs 0..2"), workers.log(1));
    assertTrue(workers.log(0).contains("feeding towers 0..0 of 2, epochs 0..2"), workers.log(0));
  }

  @Test
  void aStoppedRunResumesAndTheFeedersDropItsBatches() throws IOException {
    TrainConfig single = RunComparison.config(data, "adam-lawn", 256, 3, "1");
    Path straight = dir.resolve("straight");
    new Trainer(single, straight, new TrainingListener() {}).run();

    TrainConfig config = onWorkers(single);
    Path run = dir.resolve("stopped");
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch) {
        if (epoch == 2) {
          throw new IllegalStateException("client stopped"); // the feeders are blocked on full queues now
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> new Trainer(config, run, crash).run());
    assertFalse(Files.exists(run.resolve("summary.json")));

    RunComparison.StepLosses resumed = new RunComparison.StepLosses();
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> new Trainer(config, run, resumed).run());
    assertTrue(resumed.messages.stream().anyMatch(m -> m.startsWith("resumed")), resumed.messages.toString());
    assertRowsClose(rows(straight), rows(run), 1e-5);
    assertWeightsClose(finalWeights(single, straight), finalWeights(config, run), 1e-5);
    assertTrue(workers.log(1).contains("superseded"), workers.log(1));
  }

  @Test
  void aWorkerWithoutTheDataSaysSo() throws IOException {
    workers.kill(1);
    workers.restart(1, "--data-dir", dir.resolve("nowhere").toString());
    try {
      TrainConfig config = onWorkers(RunComparison.config(data, "adam", 256, 2, "5"));
      ClusterFailureException e = assertTimeoutPreemptively(Duration.ofSeconds(2L * STEP_TIMEOUT_SECONDS),
          () -> assertThrows(ClusterFailureException.class,
              () -> new Trainer(config, dir.resolve("no-data"), new TrainingListener() {}).run()));
      String message = e.getMessage();
      assertTrue(message.startsWith("--worker-input: worker task 1 (" + workers.cluster.address(1)
          + ") could not produce its input: "), message);
      assertTrue(message.contains("nowhere"), "names the folder it looked in: " + message);
      assertTrue(message.contains("The last checkpoint is none"), message);
    } finally {
      workers.kill(1);
    }
  }

  @Test
  void workersAugmentImagesExactlyAsOneProcess() throws IOException {
    Path images = writeTinyCifar10(dir.resolve("cifar"));
    // small-cnn at width 0.25 with the default crop-and-flip augmentation; batch 25 splits 13/12.
    TrainConfig single = TrainConfig.builder().model("small-cnn").data("cifar10").dataDir(images.toString())
        .batchSize(25).epochs(2).warmupEpochs(1).eFree("1").seed(3).validationSize(10).widthMultiplier(0.25)
        .threads(1).build();
    RunComparison.StepLosses reference = new RunComparison.StepLosses();
    Path one = dir.resolve("images-single");
    new Trainer(single, one, reference).run();
    TrainConfig cluster = onWorkers(single);
    RunComparison.StepLosses steps = new RunComparison.StepLosses();
    Path fed = dir.resolve("images-fed");
    new Trainer(cluster, fed, steps).run();
    assertEquals(reference.losses.size(), steps.losses.size(), "steps");
    assertLossesClose(reference.losses, steps.losses, 1e-5);
    assertRowsClose(rows(one), rows(fed), 1e-5);
    assertWeightsClose(finalWeights(single, one), finalWeights(cluster, fed), 1e-5);
  }

  /** CIFAR-10's binary layout (label byte + 32x32x3 bytes per record), 20 random images per file. */
  private static Path writeTinyCifar10(Path root) throws IOException {
    Path batches = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
    java.util.Random random = new java.util.Random(5);
    for (String name : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
        "test_batch")) {
      byte[] file = new byte[20 * 3073];
      random.nextBytes(file);
      for (int r = 0; r < 20; r++) {
        file[r * 3073] = (byte) random.nextInt(10);
      }
      Files.write(batches.resolve(name + ".bin"), file);
    }
    return root;
  }
}
