package dev.lawn.tools.worker;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnCommand;
import dev.lawn.tools.LawnRun;
import dev.lawn.train.distributed.WorkerServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerCommandTest {

  private static boolean isUp(NetworkInterface nif) {
    try {
      return nif.isUp();
    } catch (java.net.SocketException e) {
      return false;
    }
  }

  @Test
  void badArgumentsAreOneLineErrors() {
    LawnRun outside = lawn("worker", "--cluster", "127.0.0.1:5000", "--task", "3");
    assertEquals(1, outside.code());
    assertEquals("lawn worker: --task 3 is not in 0..0 (--cluster lists 1 workers)\n", outside.err());
    LawnRun malformed = lawn("worker", "--cluster", "127.0.0.1:5000,localhost", "--task", "0");
    assertEquals(1, malformed.code());
    assertTrue(malformed.err().startsWith("lawn worker: --cluster '127.0.0.1:5000,localhost'"), malformed.err());
    assertEquals(2, lawn("worker", "--cluster", "127.0.0.1:5000").code());
  }

  @Test
  void withoutTheAcknowledgmentAWorkerRefusesBeforeOpeningItsPort() throws Exception {
    int port = freePort();
    for (String cluster : new String[] {"127.0.0.1:" + port, "192.0.2.1:" + port + ",127.0.0.1:" + port}) {
      LawnRun r = lawn("worker", "--cluster", cluster, "--task", "0");
      assertEquals(1, r.code());
      assertEquals("lawn worker: refusing to serve port " + port + ": a worker runs any TensorFlow graph sent to it,"
          + " on every interface, without authentication or encryption, so anyone who reaches the port runs code as"
          + " this user; on a trusted network only, acknowledge with --trusted-network (see docs/SECURITY.md)\n", r.err());
      assertEquals("", r.out());
      try (ServerSocket s = new ServerSocket(port)) { // every interface: free, so nothing listened there
        assertEquals(port, s.getLocalPort());
      }
    }
  }

  @Test
  void trainHelpShowsThePlacementOptions() {
    LawnRun help = lawn("train", "--help");
    assertEquals(0, help.code());
    for (String option : new String[] {"--devices", "--cluster", "--cluster-timeout-seconds"}) {
      assertTrue(help.out().contains(option), option);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * With the acknowledgment the worker serves, says on which port and interfaces it listens, and
   * does listen beyond loopback although the cluster names 127.0.0.1 (what docs/SECURITY.md states
   * of TensorFlow's server): a connection to one of this machine's other addresses is accepted.
   */
  @Test
  void aWorkerServesUntilKilled(@TempDir Path logs) throws Exception {
    int port = freePort();
    Path log = logs.resolve("worker.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process worker = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        LawnCommand.class.getName(), "worker", "--cluster", "127.0.0.1:" + port, "--task", "0", "--trusted-network")
        .redirectError(log.toFile()).start();
    try {
      CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
          return r.readLine();
        } catch (java.io.IOException e) {
          return null;
        }
      });
      String line = ready.get(120, TimeUnit.SECONDS);
      assertEquals(WorkerServer.READY + " task 0 of 1 serving grpc://127.0.0.1:" + port + " (job worker, 1 CPU device)", line);
      assertTrue(worker.isAlive());
      String warning = Files.readAllLines(log).stream().filter(l -> l.startsWith("lawn worker: warning:")).findFirst()
          .orElseThrow(() -> new AssertionError("no warning in " + log));
      assertTrue(warning.startsWith("lawn worker: warning: listening on port " + port
          + " of every interface (0.0.0.0 and ::, i.e. "), warning);
      assertTrue(warning.contains("127.0.0.1"), warning);
      Optional<InetAddress> other = NetworkInterface.networkInterfaces().filter(WorkerCommandTest::isUp)
          .flatMap(NetworkInterface::inetAddresses).filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .findFirst();
      Assumptions.assumeTrue(other.isPresent(), "no non-loopback address to test the exposure on");
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(other.get(), port), 5000); // this machine's own address, not loopback
        assertTrue(s.isConnected());
      }
    } finally {
      worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
