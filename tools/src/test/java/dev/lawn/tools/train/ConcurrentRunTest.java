package dev.lawn.tools.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.bench.reliability.TinyRatings;
import dev.lawn.bench.reliability.TrainChild;
import dev.lawn.bench.reliability.TrainSettings;
import dev.lawn.tools.LawnProgram;
import dev.lawn.train.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code lawn train} processes on one {@code --out}, with the same settings: the second fails at
 * once, naming the folder and the first one's PID, and changes nothing in the folder; once the
 * first is killed with SIGKILL, the same command resumes from its checkpoint (the lock died with
 * the process).
 */
class ConcurrentRunTest {

  @TempDir Path work;

  @Test
  void aSecondTrainingOnTheSameFolderFailsCleanlyAndAKilledOneResumes() throws Exception {
    Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    TrainSettings settings = new TrainSettings(data, 40, 256, 1, List.of());
    TrainChild child = TrainChild.forCurrentJvm(List.of("-Xshare:auto"), LawnProgram.MAIN_CLASS, "train");
    Path run = work.resolve("run");
    Process first = child.start(settings.arguments(run), work.resolve("first.log"));
    try {
      awaitCheckpoint(run, first, work.resolve("first.log"));
      signal(first, "STOP"); // frozen while holding the lock: the folder cannot change under the test
      awaitStopped(first); // a thread inside a write or rename finishes it before it stops
      Map<String, String> before = snapshot(run);

      Path secondLog = work.resolve("second.log");
      long started = System.nanoTime();
      int second = child.run(settings.arguments(run), secondLog);
      double seconds = (System.nanoTime() - started) / 1e9;

      assertEquals(1, second, Files.readString(secondLog));
      String last = lastLine(secondLog);
      assertEquals("lawn train: " + run + " is in use by another lawn run (PID " + first.pid() + "; lock file "
          + run.resolve(RunLock.FILE) + "); wait for it to end or choose another output folder", last);
      assertEquals(before, snapshot(run), "the refused run changed the folder");
      assertTrue(seconds < 60, "refused after " + seconds + " s"); // a JVM start and data load, no waiting
    } finally {
      first.destroyForcibly(); // SIGKILL (also of a stopped process): no shutdown hook releases anything
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    }
    assertNotEquals(0, first.exitValue());
    assertTrue(!Files.exists(run.resolve("summary.json")), "the first run finished before it was killed");

    Path thirdLog = work.resolve("third.log");
    int third = child.run(settings.arguments(run), thirdLog);
    String log = Files.readString(thirdLog);
    assertEquals(0, third, log);
    assertTrue(log.contains("resumed from " + run.resolve("checkpoints")), log);
    assertTrue(Files.exists(run.resolve("summary.json")));
  }

  /** Waits until the run has published its first checkpoint (then it is well under way). */
  private static void awaitCheckpoint(Path run, Process p, Path log) throws Exception {
    Path checkpoints = run.resolve("checkpoints");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(checkpoints)) {
        try (Stream<Path> entries = Files.list(checkpoints)) {
          if (entries.anyMatch(e -> e.getFileName().toString().startsWith("ckpt-"))) {
            return;
          }
        }
      }
      if (!p.isAlive()) {
        throw new AssertionError("the first run ended before its first checkpoint: " + Files.readString(log));
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no checkpoint within 180 s: " + Files.readString(log));
  }

  private static void signal(Process p, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  /**
   * Waits until every thread of {@code p} is stopped ({@code T} in {@code /proc/PID/task/TID/stat}):
   * SIGSTOP is delivered to each thread as it returns from the kernel, so on a loaded machine a
   * checkpoint's rename may still land after {@code kill -STOP} has returned.
   */
  private static void awaitStopped(Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
    while (true) {
      boolean allStopped = true;
      try (Stream<Path> threads = Files.list(tasks)) {
        for (Path thread : (Iterable<Path>) threads::iterator) {
          try {
            String stat = Files.readString(thread.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2); // the field after "(comm)"
            allStopped &= state == 'T' || state == 't';
          } catch (java.nio.file.NoSuchFileException ended) {
            // a thread that ended meanwhile
          }
        }
      }
      if (allStopped) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "the first run did not stop within 30 s");
      Thread.sleep(20);
    }
  }

  private static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** Every entry under {@code dir}: content hash (files) and modification time. */
  static Map<String, String> snapshot(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String hash = Files.isRegularFile(f)
            ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))) : "dir";
        out.put(dir.relativize(f).toString(), hash + " " + Files.getLastModifiedTime(f).toMillis());
      }
    }
    return out;
  }
}
