package dev.lawn.train.distributed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.SyntheticRatingsAccess;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --worker-input} against bare TensorFlow servers (no input feeder, as a worker started by an
 * older lawn): the run stops before its first step with a message naming the workers, instead of
 * waiting for batches that never come.
 */
class WorkerInputWithoutFeederTest {

  @Test
  void workersWithoutAFeederAreNamedBeforeTheFirstStep(@TempDir Path dir) throws IOException {
    Path data = SyntheticRatingsAccess.write(dir.resolve("data"), 60, 150, 20, 7);
    ClusterSpec cluster = ClusterSpec.of(List.of("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort()));
    // In this JVM and never stopped (TF-Java cannot shut a server down): the JVM's exit frees them.
    WorkerServer.start(cluster, 0, 1);
    WorkerServer.start(cluster, 1, 1);
    int timeout = 3;
    TrainConfig config = RunComparison.config(data, "adam", 128, 1, "5")
        .toBuilder().devices(null).cluster(cluster.toString()).clusterTimeoutSeconds(timeout).workerInput(true).build();
    Path run = dir.resolve("run");
    ClusterFailureException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(ClusterFailureException.class, () -> new Trainer(config, run, new TrainingListener() {}).run()));
    String message = e.getMessage();
    assertTrue(message.startsWith("--worker-input: the input feeder of worker task 0 (" + cluster.address(0)
        + "), task 1 (" + cluster.address(1) + ") did not take its command within " + timeout + " s"), message);
    assertFalse(Files.exists(run.resolve("summary.json")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
