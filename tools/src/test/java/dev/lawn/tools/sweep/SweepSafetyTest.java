package dev.lawn.tools.sweep;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.experiments.sweep.RunLauncher;
import dev.lawn.tools.LawnRun;
import dev.lawn.train.RunLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lawn sweep}: a cluster beyond loopback needs {@code --trusted-network}, checked before any
 * run starts and passed on to every run; one sweep at a time per output folder.
 */
class SweepSafetyTest {

  @TempDir Path temp;

  private Path sweepFile(String base) throws Exception {
    return Files.writeString(temp.resolve("sweep.yaml"), "base: " + base + "\ngrid: {lr: [0.001, 0.01]}\nseeds: [1]\nout: "
        + temp.resolve("o") + "\n");
  }

  private static int sweep(List<List<String>> launched, StringWriter err, String... args) {
    RunLauncher recording = (arguments, log) -> {
      launched.add(arguments);
      return 3; // the runs themselves do not matter here
    };
    return new CommandLine(new SweepCommand().withLauncher(recording)).setOut(new PrintWriter(new StringWriter()))
        .setErr(new PrintWriter(err, true)).execute(args);
  }

  @Test
  void aRemoteClusterNeedsTheAcknowledgmentBeforeAnyRunStarts() throws Exception {
    Path file = sweepFile("{model: ncf-mlp, cluster: '127.0.0.1:2222,192.0.2.1:2222'}");
    LawnRun refused = lawn("sweep", file.toString());
    assertEquals(1, refused.code());
    assertTrue(refused.err().startsWith("lawn sweep: --cluster names hosts beyond this machine (192.0.2.1): "),
        refused.err());
    assertFalse(Files.exists(temp.resolve("o")), "a run started");

    List<List<String>> launched = Collections.synchronizedList(new ArrayList<>());
    sweep(launched, new StringWriter(), file.toString(), "--trusted-network");
    assertEquals(2, launched.size());
    for (List<String> args : launched) {
      assertEquals("--trusted-network", args.get(0), args.toString());
    }
  }

  @Test
  void aLoopbackClusterNeedsNoAcknowledgmentAndPassesNone() throws Exception {
    Path file = sweepFile("{model: ncf-mlp, cluster: '127.0.0.1:2222'}");
    List<List<String>> launched = Collections.synchronizedList(new ArrayList<>());
    sweep(launched, new StringWriter(), file.toString());
    assertEquals(2, launched.size());
    assertFalse(launched.get(0).contains("--trusted-network"), launched.toString());
  }

  @Test
  void aSecondSweepOnTheSameFolderIsRefused() throws Exception {
    Path file = sweepFile("{model: ncf-mlp}");
    Path o = temp.resolve("o");
    List<List<String>> launched = Collections.synchronizedList(new ArrayList<>());
    try (RunLock first = RunLock.acquire(o)) {
      StringWriter err = new StringWriter();
      assertEquals(1, sweep(launched, err, file.toString()));
      assertTrue(err.toString().contains(o + " is in use by another lawn run (PID " + ProcessHandle.current().pid()),
          err.toString());
    }
    assertEquals(List.of(), launched);
    try (var entries = Files.list(o)) {
      assertEquals(List.of(o.resolve(RunLock.FILE)), entries.toList()); // no run folder, no log
    }
  }
}
