package dev.lawn.tools.train;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnCommand;
import dev.lawn.bench.reliability.TinyRatings;
import dev.lawn.tools.LawnRun;
import dev.lawn.train.distributed.WorkerServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lawn train --cluster}: hosts beyond loopback need {@code --trusted-network}, refused before
 * any worker is contacted or {@code --out} written (192.0.2.1 is a documentation address, never
 * contacted); a loopback cluster trains without it, with a one-line note.
 */
class ClusterAcknowledgmentTest {

  @TempDir Path work;

  @Test
  void aRemoteClusterWithoutTheFlagIsRefusedBeforeAnythingHappens() throws Exception {
    Path out = work.resolve("run");
    long started = System.nanoTime();
    LawnRun r = lawn("train", "--cluster", "127.0.0.1:2222,192.0.2.1:2222", "--data-dir", work.toString(),
        "--out", out.toString());
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(1, r.code());
    assertEquals("lawn train: --cluster names hosts beyond this machine (192.0.2.1): the model, the data and every"
        + " step would cross the network unencrypted, to workers that run any graph anyone there sends them; on a"
        + " trusted network only, acknowledge with --trusted-network (see docs/SECURITY.md)\n", r.err());
    assertFalse(Files.exists(out), "--out was created");
    // Reaching a worker would take a connection attempt (up to 5 s each); the refusal comes first.
    assertTrue(seconds < 5, "took " + seconds + " s");
  }

  @Test
  void aRemoteClusterInAConfigFileIsRefusedToo() throws Exception {
    Path config = Files.writeString(work.resolve("c.yaml"), "cluster: 192.0.2.1:2222\n");
    Path out = work.resolve("run");
    LawnRun r = lawn("train", "--config", config.toString(), "--out", out.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("lawn train: --cluster names hosts beyond this machine (192.0.2.1)"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aLoopbackClusterTrainsWithoutTheFlag() throws Exception {
    Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String cluster = "127.0.0.1:" + port;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process worker = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        LawnCommand.class.getName(), "worker", "--cluster", cluster, "--task", "0", "--trusted-network")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String ready = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
          return r.readLine();
        } catch (java.io.IOException e) {
          return null;
        }
      }).get(120, TimeUnit.SECONDS);
      assertTrue(ready != null && ready.startsWith(WorkerServer.READY), String.valueOf(ready));
      Path out = work.resolve("run");
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      PrintStream saved = System.err; // lawn train prints its progress and the note on System.err
      LawnRun r;
      try {
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        r = lawn("train", "--cluster", cluster, "--model", "ncf-mlp", "--data", "movielens-100k",
            "--data-dir", data.toString(), "--epochs", "2", "--e-free", "1", "--warmup-epochs", "1",
            "--batch-size", "256", "--threads", "1", "--out", out.toString());
      } finally {
        System.setErr(saved);
      }
      r.ok();
      assertTrue(Files.exists(out.resolve("summary.json")));
      assertTrue(stderr.toString(StandardCharsets.UTF_8).startsWith(
          "lawn train: note: the workers of this loopback cluster still listen on every interface"), stderr.toString());
    } finally {
      worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
