package dev.lawn.train.distributed;

import dev.lawn.train.SyntheticRatingsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that train on two worker JVMs on loopback (this JVM is the client): small
 * synthetic ratings, the workers started once per test class and restarted before each test if a
 * test killed one.
 */
abstract class LoopbackClusterTest {

  /** Longest a step may wait on the cluster in these tests. */
  static final int STEP_TIMEOUT_SECONDS = 30;

  @TempDir static Path dir;
  static Path data;
  static WorkerProcesses workers;

  @BeforeAll
  static void start() throws IOException {
    data = SyntheticRatingsAccess.write(dir.resolve("data"), 60, 150, 20, 7);
    workers = WorkerProcesses.start(2, Files.createDirectories(dir.resolve("logs")));
  }

  @BeforeEach
  void running() throws IOException {
    workers.ensureRunning();
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.close();
      workers = null;
    }
  }
}
