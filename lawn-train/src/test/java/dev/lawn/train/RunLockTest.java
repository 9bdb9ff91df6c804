package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder's lock: a second holder, in another process or in this one, fails at once with
 * the folder and the holder's PID and changes nothing; a killed holder never blocks the next run.
 */
class RunLockTest {

  @TempDir Path work;

  @Test
  void aSecondHolderInThisProcessIsRefusedWithOurPid() throws IOException {
    Path dir = work.resolve("run");
    try (RunLock first = RunLock.acquire(dir)) {
      RunLock.InUseException e = assertThrows(RunLock.InUseException.class, () -> RunLock.acquire(dir));
      assertEquals(dir + " is in use by another lawn run (PID " + ProcessHandle.current().pid()
          + ", this process; lock file " + dir.resolve(RunLock.FILE)
          + "); wait for it to end or choose another output folder", e.getMessage());
      // The refused attempt opened no channel of its own, so the first lock still holds.
      assertThrows(RunLock.InUseException.class, () -> RunLock.acquire(work.resolve("run/.")));
    }
    RunLock.acquire(dir).close(); // released: free again
    assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(RunLock.FILE)));
  }

  @Test
  void anotherProcessHoldingTheFolderIsNamedAndAKilledHolderFreesIt() throws Exception {
    Path dir = work.resolve("run");
    Process holder = startHolder(dir);
    try {
      RunLock.InUseException e = assertThrows(RunLock.InUseException.class, () -> RunLock.acquire(dir));
      assertTrue(e.getMessage().startsWith(dir + " is in use by another lawn run (PID " + holder.pid() + ";"),
          e.getMessage());
    } finally {
      holder.destroyForcibly(); // SIGKILL: no shutdown hook, no release
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
    try (RunLock next = RunLock.acquire(dir)) {
      assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(RunLock.FILE)));
    }
  }

  @Test
  void aTrainingOnAHeldFolderFailsAndLeavesItUnchanged() throws Exception {
    Path data = SyntheticRatings.write(work.resolve("data"), 60, 150, 20, 7);
    ObjectNode tree = RunDirectory.JSON.valueToTree(TrainConfig.defaults());
    tree.put("data_dir", data.toString()).put("epochs", 2).put("batch_size", 256).put("e_free", "1")
        .put("warmup_epochs", 1.0).put("threads", 1);
    TrainConfig config = RunDirectory.JSON.treeToValue(tree, TrainConfig.class);
    Path dir = work.resolve("run");
    RunDirectory.openForTraining(dir, config).close(); // an interrupted run: config.json and the lock file
    Process holder = startHolder(dir);
    try {
      Map<String, String> before = snapshot(dir);
      RunLock.InUseException e = assertThrows(RunLock.InUseException.class,
          () -> new Trainer(config, dir, new TrainingListener() { }).run());
      assertTrue(e.getMessage().contains("(PID " + holder.pid() + ";"), e.getMessage());
      assertEquals(before, snapshot(dir));
      assertFalse(Files.exists(dir.resolve(RunDirectory.MODEL)));
    } finally {
      holder.destroyForcibly();
      holder.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A child JVM holding {@code dir}'s lock, once it says so. */
  static Process startHolder(Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        RunLockHolder.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith(RunLockHolder.HELD)) {
      p.destroyForcibly();
      throw new IOException("the lock holder did not start: " + line);
    }
    return p;
  }

  /** Every file under {@code dir}: its SHA-256 and modification time. */
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
