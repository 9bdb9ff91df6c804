package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.predict.TinyImageFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunStatus}: finished, running and stopped runs, the time left, and files a stranger wrote. */
class RunStatusTest {

  @TempDir Path dir;

  /** A run folder as a trainer leaves it: config.json with {@code epochs}, and the given metrics lines. */
  static Path handWritten(Path run, String epochs, String metrics) throws IOException {
    Files.createDirectories(run);
    Files.writeString(run.resolve(RunDirectory.CONFIG), "{\"model\": \"mlp\"" + epochs + "}");
    Files.writeString(run.resolve(RunDirectory.METRICS), metrics, StandardCharsets.UTF_8);
    return run;
  }

  private static String row(int epoch, double trainSeconds) {
    return "{\"epoch\":" + epoch + ",\"step\":" + epoch * 7 + ",\"loss\":" + (1.0 / epoch) + ",\"phase\":\""
        + (epoch < 3 ? "free" : "constrained") + "\",\"accuracy\":0.5,\"val_accuracy\":0." + (5 + epoch)
        + ",\"train_seconds\":" + trainSeconds + "}\n";
  }

  private static Path threeEpochsOfTen(Path run) throws IOException {
    return handWritten(run, ", \"epochs\": 10", row(1, 10) + row(2, 20) + row(3, 30));
  }

  /** The PID of a process that has ended (a reused PID is possible in principle, not within a test). */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  /** An MLP on 12 tiny images for 2 epochs: a real run in about a second. */
  private TrainConfig tinyTwoEpochRun() throws Exception {
    Path data = TinyImageFolder.write(dir.resolve("images"), 8, 3, 4, 2, 7);
    return TrainConfig.builder().model("mlp").data("image-folder").dataDir(data.toString())
        .optimizer("adam").lr(3e-3).batchSize(6).epochs(2).warmupEpochs(0).threads(1).build();
  }

  @Test
  void aFinishedRunReportsItsSummary() throws Exception {
    Path run = dir.resolve("run");
    TrainConfig config = tinyTwoEpochRun();
    new Trainer(config, run, new TrainingListener() {}).run();

    RunStatus status = RunStatus.read(run);
    assertEquals(RunStatus.State.FINISHED, status.state());
    assertEquals(OptionalInt.of(2), status.epoch());
    assertEquals(OptionalInt.of(2), status.epochs());
    assertEquals(config.data().validation() ? "val_accuracy" : "accuracy", status.metric());
    assertTrue(status.metricValue().isPresent());
    assertTrue(status.loss().isPresent());
    assertTrue(status.wallSeconds().getAsDouble() > 0, "the summary's wall_seconds");
    assertTrue(status.secondsLeft().isEmpty());
    assertNull(status.problem(), status.problem());
  }

  /** A run the trainer ended with an error is failed, and training it again clears that. */
  @Test
  void aRunEndedByAnErrorIsFailedUntilItTrainsAgain() throws Exception {
    Path run = dir.resolve("run");
    TrainConfig config = tinyTwoEpochRun();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Trainer(config, run,
        new TrainingListener() {
          @Override
          public void onEvaluation(Map<String, Object> row) {
            throw new IllegalStateException("listener broke at epoch " + row.get("epoch"));
          }
        }).run());
    RunStatus failed = RunStatus.read(run);
    assertEquals(RunStatus.State.FAILED, failed.state(), failed.toString());
    assertTrue(failed.problem().startsWith("IllegalStateException after epoch 1: " + e.getMessage()), failed.problem());

    new Trainer(config, run, new TrainingListener() {}).run(); // resumed after epoch 1, finished
    assertFalse(Files.exists(run.resolve(RunFailure.FILE)), "trained again: the failure no longer describes the run");
    assertEquals(RunStatus.State.FINISHED, RunStatus.read(run).state());
  }

  @Test
  void aRetryThatFailsBeforeItsFirstEpochReplacesTheOlderFailure() throws Exception {
    Path run = dir.resolve("run");
    TrainConfig config = tinyTwoEpochRun();
    assertThrows(IllegalStateException.class, () -> new Trainer(config, run, new TrainingListener() {
      @Override
      public void onEvaluation(Map<String, Object> row) {
        throw new IllegalStateException("listener broke");
      }
    }).run());
    assertTrue(RunStatus.read(run).problem().startsWith("IllegalStateException after epoch 1"));

    // The retry cannot write model.json (a folder with a file in it stands in its place): it fails in
    // the locked folder before the loop, and the record must say so rather than keep the listener's.
    Files.delete(run.resolve(RunDirectory.MODEL));
    Files.createDirectories(run.resolve(RunDirectory.MODEL));
    Files.writeString(run.resolve(RunDirectory.MODEL).resolve("x"), "x");
    assertThrows(IOException.class, () -> new Trainer(config, run, new TrainingListener() {}).run());
    RunStatus failed = RunStatus.read(run);
    assertEquals(RunStatus.State.FAILED, failed.state(), failed.toString());
    assertTrue(failed.problem().contains(" before training: "), failed.problem());
    assertFalse(failed.problem().contains("listener broke"), failed.problem());
  }

  @Test
  void aHolderStoppedByASignalIsPausedUntilContinued() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(Path.of("/proc/self/stat")), "Linux's /proc shows stopped processes");
    Path run = threeEpochsOfTen(dir.resolve("run"));
    Path waits = Files.writeString(dir.resolve("Waits.java"),
        "class Waits { public static void main(String[] a) throws Exception { Thread.sleep(120_000); } }");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process holder = new ProcessBuilder(java, waits.toString()).start(); // a live java process, as a trainer is
    try {
      Files.writeString(run.resolve(RunLock.FILE), holder.pid() + "\n");
      assertEquals(RunStatus.State.RUNNING, RunStatus.read(run).state());
      signal("STOP", holder.pid());
      RunStatus paused = RunStatus.read(run);
      assertEquals(RunStatus.State.PAUSED, paused.state());
      assertTrue(paused.unfinished());
      assertTrue(paused.secondsLeft().isPresent(), "a paused run has the time left it had");
      signal("CONT", holder.pid());
      assertEquals(RunStatus.State.RUNNING, RunStatus.read(run).state());
    } finally {
      holder.destroyForcibly().waitFor();
    }
    assertEquals(RunStatus.State.STOPPED, RunStatus.read(run).state());
    assertTrue(RunHolder.stoppedState("42 (a ) b) T 1 2"), "the state follows the last parenthesis");
    assertFalse(RunHolder.stoppedState("42 (java) S 1 2"));
    assertFalse(RunHolder.stoppedState("garbage"));
  }

  /** Sends {@code kill -NAME pid} and waits until the process shows the change. */
  private static void signal(String name, long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
    boolean stopped = name.equals("STOP");
    for (int i = 0; i < 100 && RunHolder.isPaused(ProcessHandle.of(pid).orElseThrow()) != stopped; i++) {
      Thread.sleep(20);
    }
  }

  @Test
  void anUnfinishedRunHeldByNoOneIsStopped() throws Exception {
    Path run = threeEpochsOfTen(dir.resolve("run"));
    Files.writeString(run.resolve(RunLock.FILE), deadPid() + "\n");
    RunStatus status = RunStatus.read(run);
    assertEquals(RunStatus.State.STOPPED, status.state());
    assertEquals(OptionalInt.of(3), status.epoch());
    assertEquals(OptionalInt.of(10), status.epochs());
    assertEquals(21, status.step().getAsLong());
    assertEquals("constrained", status.phase());
    assertEquals(1.0 / 3, status.loss().getAsDouble(), 1e-12);
    assertEquals("val_accuracy", status.metric(), "the validation metric comes first");
    assertEquals(0.8, status.metricValue().getAsDouble(), 1e-12);
    assertNull(status.problem(), status.problem());

    Files.writeString(run.resolve(RunLock.FILE), Long.MAX_VALUE + "\n");
    assertEquals(RunStatus.State.STOPPED, RunStatus.read(run).state(), "a PID no process has");
  }

  @Test
  void theTimeLeftIsThePaceOfTheLastEpochsTimesTheEpochsLeft() throws Exception {
    RunStatus status = RunStatus.read(threeEpochsOfTen(dir.resolve("run")));
    assertEquals(70, status.secondsLeft().getAsDouble(), 1e-9, "10 s an epoch, 7 epochs left");

    // The pace is that of the last epochs: a slow start does not count once 3 later epochs are logged.
    Path later = handWritten(dir.resolve("later"), ", \"epochs\": 10",
        row(1, 100) + row(2, 110) + row(3, 120) + row(4, 130) + row(5, 140));
    assertEquals(50, RunStatus.read(later).secondsLeft().getAsDouble(), 1e-9);

    Path one = handWritten(dir.resolve("one"), ", \"epochs\": 4", row(1, 12));
    assertEquals(36, RunStatus.read(one).secondsLeft().getAsDouble(), 1e-9, "one row: its pace from the start");

    // Rows with wall_seconds (evaluation included) are paced by it, not by train_seconds.
    Path walled = handWritten(dir.resolve("walled"), ", \"epochs\": 10", withWall(row(1, 10), 15)
        + withWall(row(2, 20), 30) + withWall(row(3, 30), 45));
    assertEquals(105, RunStatus.read(walled).secondsLeft().getAsDouble(), 1e-9, "15 s an epoch, 7 left");
  }

  @Test
  void aRealRunLogsWallSecondsThatPaceItsTimeLeft() throws Exception {
    Path run = dir.resolve("real");
    new Trainer(tinyTwoEpochRun(), run, new TrainingListener() {}).run();
    List<MetricsRow> rows = RunReader.metrics(run);
    double first = rows.get(0).value("wall_seconds").orElseThrow();
    double last = rows.get(rows.size() - 1).value("wall_seconds").orElseThrow();
    assertTrue(first > 0 && last > first, rows.toString());
    assertTrue(last >= rows.get(rows.size() - 1).value("train_seconds").orElseThrow(),
        "wall time holds the training passes and more");
  }

  private static String withWall(String row, double wallSeconds) {
    return row.replace("}\n", ",\"wall_seconds\":" + wallSeconds + "}\n");
  }

  @Test
  void aRunThisJvmHoldsIsRunningAndStaysHeld() throws Exception {
    Path run = threeEpochsOfTen(dir.resolve("run"));
    try (RunLock lock = RunLock.acquire(run)) {
      assertTrue(RunLock.isHeldByThisProcess(run));
      assertEquals(RunStatus.State.RUNNING, RunStatus.read(run).state());
      assertEquals(RunStatus.State.RUNNING, RunStatus.read(run).state());
      // Reading the status opened no descriptor on .lock: closing one would have released the lock.
      assertThrows(RunLock.InUseException.class, () -> RunLock.acquire(run));
      assertTrue(RunLock.isHeldByThisProcess(run));
      // The table above is this JVM's; the system's own record is what another process runs into.
      assertTrue(systemLockHeldByThisProcess(run.resolve(RunLock.FILE)), "the OS still has the lock");
    }
    assertFalse(RunLock.isHeldByThisProcess(run));
    assertEquals(RunStatus.State.STOPPED, RunStatus.read(run).state(), "released: this JVM's PID no longer counts");
  }

  /**
   * Whether Linux's {@code /proc/locks} lists a lock of this process on {@code file} (found by its
   * inode, without opening it); true where the system has no such table, so the test runs elsewhere too.
   */
  private static boolean systemLockHeldByThisProcess(Path file) throws IOException {
    Path table = Path.of("/proc/locks");
    if (!Files.isReadable(table)) {
      return true;
    }
    Object inode = Files.getAttribute(file, "unix:ino");
    String pid = String.valueOf(ProcessHandle.current().pid());
    return Files.readAllLines(table).stream().map(line -> line.trim().split("\\s+"))
        .anyMatch(f -> f.length > 5 && f[5].endsWith(":" + inode) && (f[4].equals(pid) || f[4].equals("-1")));
  }

  @Test
  void aTornLastLineIsAProblemNotAFailure() throws Exception {
    Path run = handWritten(dir.resolve("run"), ", \"epochs\": 10", row(1, 10) + row(2, 20) + "{\"epoch\":3,\"lo");
    RunStatus status = RunStatus.read(run);
    assertEquals(OptionalInt.of(2), status.epoch(), "the rows that could be read");
    assertEquals(80, status.secondsLeft().getAsDouble(), 1e-9);
    assertNotNull(status.problem());
    assertTrue(status.problem().startsWith("skipped metrics.jsonl:3: malformed JSON (the last line"), status.problem());
  }

  @Test
  void aGarbagePidAndMissingEpochsAreProblems() throws Exception {
    Path run = handWritten(dir.resolve("run"), "", row(1, 10));
    Files.writeString(run.resolve(RunLock.FILE), "not-a-pid\n");
    RunStatus status = RunStatus.read(run);
    assertEquals(RunStatus.State.STOPPED, status.state());
    assertTrue(status.epochs().isEmpty());
    assertTrue(status.secondsLeft().isEmpty(), "no total, no estimate");
    assertEquals(OptionalInt.of(1), status.epoch());
    assertEquals("config.json has no whole number of epochs; .lock holds 'not-a-pid', not a PID", status.problem());
  }

  @Test
  void aMalformedConfigOrNoMetricsIsReadAsFarAsPossible() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve(RunDirectory.CONFIG), "{\"epochs\": 3");
    RunStatus status = RunStatus.read(run);
    assertEquals(RunStatus.State.STOPPED, status.state());
    assertTrue(status.epoch().isEmpty(), "no evaluation yet");
    assertNull(status.metric());
    assertTrue(status.problem().startsWith("config.json:1: malformed JSON"), status.problem());
  }

  @Test
  void aFolderWithoutConfigIsNotARun() throws Exception {
    Path notRun = Files.createDirectories(dir.resolve("logs"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunStatus.read(notRun));
    assertTrue(e.getMessage().contains(notRun.toString()), e.getMessage());
  }

  @Test
  void theScannerFindsRunsBelowAPathButNotInsideOrHiddenOnes() throws Exception {
    Path a = threeEpochsOfTen(dir.resolve("study/a"));
    Path b = threeEpochsOfTen(dir.resolve("study/deeper/b"));
    threeEpochsOfTen(a.resolve("checkpoints/inner")); // inside a run: not a run of its own
    threeEpochsOfTen(dir.resolve("study/.trash/c"));
    Files.createDirectories(dir.resolve("study/empty"));
    assertEquals(List.of(a, b), RunFolders.find(List.of(dir.resolve("study"))));
    assertEquals(List.of(a), RunFolders.find(List.of(a, a)), "a path that is a run, once");
    assertThrows(IllegalArgumentException.class, () -> RunFolders.find(List.of(dir.resolve("absent"))));
    assertEquals(2, RunStatus.under(List.of(dir.resolve("study"))).size());
  }

  @Test
  void theTableAlignsColumnsAndShowsProblems() throws Exception {
    Path run = handWritten(dir.resolve("run"), "", row(1, 10));
    String table = RunStatusTable.table(List.of(RunStatus.read(threeEpochsOfTen(dir.resolve("a"))),
        RunStatus.read(run)));
    List<String> lines = table.lines().toList();
    assertEquals(3, lines.size(), table);
    assertTrue(lines.get(0).startsWith("path"), table);
    int stateColumn = lines.get(0).indexOf("state");
    assertEquals("stopped", lines.get(1).substring(stateColumn, stateColumn + 7), table);
    assertTrue(lines.get(1).contains("3/10") && lines.get(1).contains("val_accuracy 0.8000")
        && lines.get(1).endsWith("1m10s left"), table);
    assertTrue(lines.get(2).contains("1/-") && lines.get(2).contains("problem: config.json has no"), table);
    assertEquals("3h07m", RunStatusTable.duration(3 * 3600 + 7 * 60 + 20));
    assertTrue(RunStatusTable.json(List.of(RunStatus.read(run))).contains("\"seconds_left\":null"));
  }
}
