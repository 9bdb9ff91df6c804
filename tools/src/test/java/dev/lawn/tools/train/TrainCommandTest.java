package dev.lawn.tools.train;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `lawn train` and `lawn export` end to end on tiny data, and every impossible option. */
class TrainCommandTest {

  @TempDir static Path shared;
  static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    data = TinyRatings.write(shared.resolve("data"), 1);
  }

  /** {@link TinyRatings}' short run with Adam-LAWN at lr 1e-3 and seed 1, then {@code extra} ({@code --key=value}). */
  static List<String> trainArgs(Path out, String... extra) {
    List<String> args = TinyRatings.trainArgs(data, out);
    args.addAll(List.of("--optimizer", "adam-lawn", "--lr", "1e-3", "--seed", "1"));
    return TinyRatings.override(args, extra);
  }

  @Test
  void trainThenExport(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    lawn(trainArgs(run)).ok();
    assertTrue(Files.exists(run.resolve("summary.json")));
    lawn("export", run.toString()).ok();
    assertTrue(Files.exists(run.resolve("saved_model/saved_model.pb")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "negative rate          | --lr=-1                 | --lr",
    "unknown optimizer      | --optimizer=adagrad     | --optimizer",
    "E_free > E_total       | --e-free=5              | --e-free",
    "batch 0                | --batch-size=0          | --batch-size",
    "missing data set       | --data=movielens-1m     | movielens-1m",
    "unreadable config      | --config=/nonexistent/x.yaml | --config",
    "weight decay with LAWN | --weight-decay=0.01     | --weight-decay",
    "not a number           | --lr=fast               | --lr",
    "unknown augmentation   | --augmentation=mixup    | --augmentation",
    "augmenting ratings     | --augmentation=none     | --augmentation",
    "worker input alone     | --worker-input=true     | --worker-input",
  })
  void impossibleOptionFailsInOneLineWithoutOutput(String name, String option, String named, @TempDir Path dir) {
    Path run = dir.resolve("run");
    String line = lawn(trainArgs(run, option)).failureLine();
    assertTrue(line.contains(named), line);
    assertFalse(Files.exists(run), "no half-written output for " + name);
  }

  @Test
  void badKernelPropertyFailsInOneLineWithoutOutput(@TempDir Path dir) {
    Path run = dir.resolve("run");
    String before = System.getProperty("lawn.kernels");
    System.setProperty("lawn.kernels", "cuda");
    try {
      String line = lawn(trainArgs(run)).failureLine();
      assertTrue(line.contains("lawn.kernels"), line);
      assertFalse(Files.exists(run), "no half-written output");
    } finally {
      if (before == null) {
        System.clearProperty("lawn.kernels");
      } else {
        System.setProperty("lawn.kernels", before);
      }
    }
  }

  @Test
  void badKernelsOptionFailsInOneLineWithoutOutput(@TempDir Path dir) {
    Path run = dir.resolve("run");
    List<String> args = new java.util.ArrayList<>(trainArgs(run));
    args.addAll(List.of("--kernels", "cuda"));
    String line = lawn(args).failureLine();
    assertTrue(line.contains("--kernels") && line.contains("cuda"), line);
    assertFalse(Files.exists(run), "no half-written output");
  }

  @Test
  void kernelsOptionWinsOverTheProperty(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String before = System.getProperty("lawn.kernels");
    System.setProperty("lawn.kernels", "cuda"); // would fail if read
    try {
      List<String> args = new java.util.ArrayList<>(trainArgs(run));
      args.addAll(List.of("--kernels", "graph"));
      LawnRun o = lawn(args).ok();
      String summary = Files.readString(run.resolve("summary.json"));
      assertTrue(summary.matches("(?s).*\"lawn_kernels\"\\s*:\\s*\"graph-ops\".*"), "--kernels graph took: " + summary);
    } finally {
      if (before == null) {
        System.clearProperty("lawn.kernels");
      } else {
        System.setProperty("lawn.kernels", before);
      }
    }
  }
}
