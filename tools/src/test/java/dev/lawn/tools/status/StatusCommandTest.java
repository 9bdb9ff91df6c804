package dev.lawn.tools.status;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.tools.LawnCommand;
import dev.lawn.tools.LawnRun;
import dev.lawn.train.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lawn status}: the table, {@code --running}, {@code --json}, {@code --watch}, and a path without runs. */
class StatusCommandTest {

  @TempDir Path dir;
  private Path study;

  private static String row(int epoch, double trainSeconds) {
    return "{\"epoch\":" + epoch + ",\"step\":" + epoch * 10 + ",\"loss\":0.25,\"phase\":\"free\","
        + "\"val_accuracy\":0.875,\"train_seconds\":" + trainSeconds + "}\n";
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @BeforeEach
  void twoRuns() throws Exception {
    study = dir.resolve("study");
    Path finished = study.resolve("a-finished");
    write(finished.resolve("config.json"), "{\"epochs\": 2}");
    write(finished.resolve("metrics.jsonl"), row(1, 30) + row(2, 60));
    write(finished.resolve("summary.json"), "{\"epoch\":2,\"step\":20,\"loss\":0.125,\"phase\":\"constrained\","
        + "\"val_accuracy\":0.9,\"wall_seconds\":3725.0}");
    Path stopped = study.resolve("b-stopped");
    write(stopped.resolve("config.json"), "{\"epochs\": 10}");
    write(stopped.resolve("metrics.jsonl"), row(1, 10) + row(2, 20) + row(3, 30));
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    write(stopped.resolve(".lock"), ended.pid() + "\n");
    write(study.resolve("not-a-run/train.log"), "a sweep's log, no config.json yet\n");
  }

  @Test
  void theTableShowsOneAlignedLinePerRunSortedByPath() {
    LawnRun run = lawn("status", study.toString()).ok();
    List<String> lines = run.out().lines().toList();
    assertEquals(3, lines.size(), run.out());
    assertTrue(lines.get(0).matches("path +state +epoch +phase +loss +metric +time"), lines.get(0));
    int state = lines.get(0).indexOf("state");
    int time = lines.get(0).indexOf("time");
    assertTrue(lines.get(1).startsWith(study.resolve("a-finished").toString()), run.out());
    assertEquals("finished", lines.get(1).substring(state, state + 8));
    assertTrue(lines.get(1).contains(" 2/2 ") && lines.get(1).contains("constrained")
        && lines.get(1).contains("0.1250") && lines.get(1).contains("val_accuracy 0.9000"), run.out());
    assertEquals("took 1h02m", lines.get(1).substring(time));
    assertTrue(lines.get(2).startsWith(study.resolve("b-stopped").toString()), run.out());
    assertEquals("stopped", lines.get(2).substring(state, state + 7));
    assertTrue(lines.get(2).contains(" 3/10 ") && lines.get(2).contains("val_accuracy 0.8750"), run.out());
    assertEquals("1m10s left", lines.get(2).substring(time));
  }

  @Test
  void runningShowsOnlyUnfinishedRuns() {
    List<String> lines = lawn("status", "--running", study.toString()).ok().out().lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(1).contains("b-stopped"), lines.toString());
  }

  @Test
  void jsonIsOneArrayForScripts() throws Exception {
    JsonNode array = new ObjectMapper().readTree(lawn("status", "--json", study.toString()).ok().out());
    assertEquals(2, array.size());
    assertEquals("finished", array.get(0).get("state").asText());
    assertEquals(3725.0, array.get(0).get("wall_seconds").asDouble());
    assertEquals("stopped", array.get(1).get("state").asText());
    assertEquals(3, array.get(1).get("epoch").asInt());
    assertEquals(70.0, array.get(1).get("seconds_left").asDouble(), 1e-9);
    assertTrue(array.get(1).get("problem").isNull());
  }

  @Test
  void aProblemIsShownAndTheExitStaysZero() throws Exception {
    write(study.resolve("b-stopped/.lock"), "garbage");
    LawnRun run = lawn("status", study.toString()).ok();
    assertTrue(run.out().contains("problem: .lock holds 'garbage', not a PID"), run.out());
  }

  @Test
  void aFolderWithoutRunsFailsWithOneLine() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    String line = lawn("status", empty.toString()).failureLine();
    assertTrue(line.startsWith("lawn status: no run folder (a folder with config.json) under"), line);
    assertEquals(1, lawn("status", empty.toString()).code());
    String missing = lawn("status", dir.resolve("absent").toString()).failureLine();
    assertTrue(missing.contains("no such run directory"), missing);
  }

  @Test
  void watchPrintsAgainWhileARunIsRunningAndStopsWhenNoneIs() throws Exception {
    Path held = study.resolve("b-stopped");
    Files.delete(held.resolve(".lock"));
    StringWriter out = new StringWriter();
    int[] code = {-1};
    try (RunLock lock = RunLock.acquire(held)) { // this JVM trains it, as far as status can tell
      Thread watcher = new Thread(() -> code[0] = LawnCommand.execute(
          new String[] {"status", "--watch", "1", study.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter())));
      watcher.start();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (count(out.toString(), "-- ") < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50); // two tables while running: it does print again
      }
      lock.close(); // the run stops; the next table says so and the watch ends
      watcher.join(60_000);
      assertFalse(watcher.isAlive(), "the watch ends once no run is running");
    }
    assertEquals(0, code[0]);
    String text = out.toString();
    assertTrue(count(text, "-- ") >= 3, text);
    assertTrue(text.contains("1 of 2 running; again in 1 s"), text);
    List<String> lines = text.lines().toList();
    assertTrue(lines.get(lines.size() - 4).endsWith("0 of 2 running; done"), text);
    assertTrue(lines.get(lines.size() - 1).contains(" stopped "), text);
  }

  @Test
  void watchNeedsAPositiveInterval() {
    LawnRun run = lawn("status", "--watch", "0", study.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("--watch takes a positive number of seconds, not 0"), run.err());
  }

  private static int count(String text, String prefix) {
    return (int) text.lines().filter(l -> l.startsWith(prefix)).count();
  }
}
