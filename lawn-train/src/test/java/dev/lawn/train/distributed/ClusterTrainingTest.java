package dev.lawn.train.distributed;

import static dev.lawn.train.distributed.RunComparison.assertLossesClose;
import static dev.lawn.train.distributed.RunComparison.assertRowsClose;
import static dev.lawn.train.distributed.RunComparison.assertWeightsClose;
import static dev.lawn.train.distributed.RunComparison.finalWeights;
import static dev.lawn.train.distributed.RunComparison.rows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two worker servers in their own JVMs on loopback and this JVM as the client: NCF trains as in
 * one process; a killed worker stops the run with a clear error within the step timeout, and the
 * run resumes from its last checkpoint once the worker is back.
 */
class ClusterTrainingTest extends LoopbackClusterTest {

  @Test
  void twoWorkersTrainLikeOneProcess() throws IOException {
    TrainConfig single = RunComparison.config(data, "adam-lawn", 512, 2, "1");
    RunComparison.StepLosses reference = new RunComparison.StepLosses();
    new Trainer(single, dir.resolve("single"), reference).run();

    TrainConfig cluster = single.toBuilder().devices(null).cluster(workers.cluster.toString()).clusterTimeoutSeconds(STEP_TIMEOUT_SECONDS).build();
    RunComparison.StepLosses steps = new RunComparison.StepLosses();
    new Trainer(cluster, dir.resolve("cluster"), steps).run();
    assertTrue(steps.messages.stream().anyMatch(m -> m.contains("/job:worker/replica:0/task:1/device:CPU:0")),
        steps.messages.toString());
    assertLossesClose(reference.losses, steps.losses, 1e-5);
    assertRowsClose(rows(dir.resolve("single")), rows(dir.resolve("cluster")), 1e-5);
    assertWeightsClose(finalWeights(single, dir.resolve("single")), finalWeights(cluster, dir.resolve("cluster")), 1e-5);
  }

  @Test
  void aKilledWorkerStopsTheRunClearlyAndTheRunResumes() throws IOException {
    TrainConfig single = RunComparison.config(data, "adam-lawn", 512, 3, "1");
    new Trainer(single, dir.resolve("straight"), new TrainingListener() {}).run();

    TrainConfig config = single.toBuilder().devices(null).cluster(workers.cluster.toString()).clusterTimeoutSeconds(STEP_TIMEOUT_SECONDS).build();
    Path run = dir.resolve("killed");
    TrainingListener killer = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch) {
        if (epoch == 2) {
          workers.kill(1);
        }
      }
    };
    ClusterFailureException e = assertTimeoutPreemptively(Duration.ofSeconds(3L * STEP_TIMEOUT_SECONDS),
        () -> assertThrows(ClusterFailureException.class, () -> new Trainer(config, run, killer).run()));
    String message = e.getMessage();
    assertTrue(message.startsWith("cluster " + workers.cluster + ": worker task 1 (" + workers.cluster.address(1)
        + ") is down (Connection refused): the step failed"), message);
    assertTrue(message.contains("checkpoints/ckpt-000002") && message.contains("re-run the same command to resume"), message);
    assertFalse(Files.exists(run.resolve("summary.json")));

    workers.restart(1);
    RunComparison.StepLosses resumed = new RunComparison.StepLosses();
    new Trainer(config, run, resumed).run();
    assertTrue(resumed.messages.stream().anyMatch(m -> m.startsWith("resumed")), resumed.messages.toString());
    assertRowsClose(rows(dir.resolve("straight")), rows(run), 1e-5);
    assertWeightsClose(finalWeights(single, dir.resolve("straight")), finalWeights(config, run), 1e-5);
  }

  @Test
  void aKilledTaskZeroStopsTheRunClearly() throws IOException {
    // Its death shows as retries of the client's calls until the step timeout: keep that short here.
    int timeout = 10;
    TrainConfig config = RunComparison.config(data, "adam", 512, 2, "5")
        .toBuilder().devices(null).cluster(workers.cluster.toString()).clusterTimeoutSeconds(timeout).build();
    TrainingListener killer = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch) {
        if (epoch == 1) {
          workers.kill(0); // the master: holds the variables and runs the optimizer
        }
      }
    };
    ClusterFailureException e = assertTimeoutPreemptively(Duration.ofSeconds(6L * timeout),
        () -> assertThrows(ClusterFailureException.class, () -> new Trainer(config, dir.resolve("master"), killer).run()));
    assertTrue(e.getMessage().startsWith("cluster " + workers.cluster + ": worker task 0 (" + workers.cluster.address(0)
        + ") is down"), e.getMessage());
    assertTrue(e.getMessage().contains("checkpoints/ckpt-000001"), e.getMessage());
  }

  @Test
  void aFrozenWorkerFailsTheStepAfterTheTimeout() throws Exception {
    int timeout = 8;
    TrainConfig config = RunComparison.config(data, "adam", 512, 2, "5")
        .toBuilder().devices(null).cluster(workers.cluster.toString()).clusterTimeoutSeconds(timeout).build();
    TrainingListener freezer = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch) {
        if (epoch == 1) {
          try {
            workers.signal(1, "STOP");
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
    try {
      long start = System.nanoTime();
      ClusterFailureException e = assertTimeoutPreemptively(Duration.ofSeconds(6L * timeout),
          () -> assertThrows(ClusterFailureException.class, () -> new Trainer(config, dir.resolve("frozen"), freezer).run()));
      assertTrue(e.getMessage().contains("no answer within --cluster-timeout-seconds " + timeout
          + " although every worker accepts connections"), e.getMessage());
      assertTrue(e.getMessage().contains("checkpoints/ckpt-000001"), e.getMessage());
      assertTrue(System.nanoTime() - start >= timeout * 1_000_000_000L, "the step waited for the timeout");
    } finally {
      workers.signal(1, "CONT");
      workers.kill(1); // its graph state belongs to the failed session; the next test restarts it
    }
  }

  @Test
  void anUnreachableWorkerIsNamedBeforeTraining() throws IOException {
    int nobody;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nobody = s.getLocalPort();
    }
    String cluster = workers.cluster.address(0) + ",127.0.0.1:" + nobody;
    TrainConfig config = RunComparison.config(data, "adam", 512, 1, "5").toBuilder().devices(null).cluster(cluster).clusterTimeoutSeconds(STEP_TIMEOUT_SECONDS).build();
    ClusterFailureException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(ClusterFailureException.class,
            () -> new Trainer(config, dir.resolve("unreachable"), new TrainingListener() {}).run()));
    assertTrue(e.getMessage().contains("task 1 at 127.0.0.1:" + nobody + " is unreachable"), e.getMessage());
    assertTrue(e.getMessage().contains("lawn worker --cluster " + cluster + " --task 1"), e.getMessage());
  }
}
