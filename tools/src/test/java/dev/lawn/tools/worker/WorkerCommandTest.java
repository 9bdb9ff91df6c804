package dev.lawn.tools.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnCommand;
import dev.lawn.train.distributed.WorkerServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {

  private static String[] lawn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LawnCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void badArgumentsAreOneLineErrors() {
    String[] outside = lawn("worker", "--cluster", "127.0.0.1:5000", "--task", "3");
    assertEquals("1", outside[0]);
    assertEquals("lawn worker: --task 3 is not in 0..0 (--cluster lists 1 workers)\n", outside[2]);
    String[] malformed = lawn("worker", "--cluster", "127.0.0.1:5000,localhost", "--task", "0");
    assertEquals("1", malformed[0]);
    assertTrue(malformed[2].startsWith("lawn worker: --cluster '127.0.0.1:5000,localhost'"), malformed[2]);
    assertEquals("2", lawn("worker", "--cluster", "127.0.0.1:5000")[0]);
  }

  @Test
  void trainHelpShowsThePlacementOptions() {
    String[] help = lawn("train", "--help");
    assertEquals("0", help[0]);
    for (String option : new String[] {"--devices", "--cluster", "--cluster-timeout-seconds"}) {
      assertTrue(help[1].contains(option), option);
    }
  }

  @Test
  void aWorkerServesUntilKilled() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process worker = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        LawnCommand.class.getName(), "worker", "--cluster", "127.0.0.1:" + port, "--task", "0")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
    } finally {
      worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
