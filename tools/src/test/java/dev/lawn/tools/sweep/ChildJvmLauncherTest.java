package dev.lawn.tools.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.experiments.sweep.ChildJvmLauncher;
import dev.lawn.experiments.sweep.LogTail;
import dev.lawn.tools.LawnCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs running {@link FakeTrainer}. */
class ChildJvmLauncherTest {

  @TempDir Path temp;

  private static ChildJvmLauncher fakeTrainerLauncher() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ChildJvmLauncher(
        List.of(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"), FakeTrainer.class.getName()));
  }

  @Test
  void childWritesItsRunAndLogsBothStreams() throws Exception {
    Path run = temp.resolve("run");
    Path log = run.resolve("train.log");
    int code = fakeTrainerLauncher().run(List.of("--seed", "1", "--lr", "0.01", "--out", run.toString()), log);
    assertEquals(0, code);
    assertTrue(Files.exists(run.resolve("summary.json")));
    String text = Files.readString(log);
    assertTrue(text.startsWith("# lawn sweep: started "), text);
    assertTrue(text.contains("fake training {seed=1, lr=0.01"), text);

    int failed = fakeTrainerLauncher().run(
        List.of("--seed", "2", "--out", temp.resolve("bad").toString(), "--fail-code", "3"),
        temp.resolve("bad/train.log"));
    assertEquals(3, failed, "the child's exit code comes through");
    assertEquals(List.of("fake trainer killed at epoch 1"), LogTail.last(temp.resolve("bad/train.log"), 1),
        "stderr is in the log too");
  }

  @Test
  void currentJvmPrefixRunsLawnTrainOnTheSameClasspath() {
    List<String> prefix = ChildJvmLauncher.forCurrentJvm(LawnCommand.class.getName()).commandPrefix();
    assertTrue(Files.isExecutable(Path.of(prefix.get(0))), prefix.get(0));
    int cp = prefix.indexOf("-cp");
    assertEquals(System.getProperty("java.class.path"), prefix.get(cp + 1));
    assertEquals(List.of(LawnCommand.class.getName(), "train"), prefix.subList(prefix.size() - 2, prefix.size()));
    assertTrue(prefix.stream().noneMatch(a -> a.startsWith("-agentlib:jdwp")));
  }

  @Test
  void logTailSkipsTheCutFirstLine(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("big.log");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append("line ").append(i).append('\n');
    }
    Files.writeString(log, text);
    assertEquals(List.of("line 4997", "line 4998", "line 4999"), LogTail.last(log, 3));
    assertEquals(List.of(), LogTail.last(dir.resolve("missing.log"), 3));
  }
}
