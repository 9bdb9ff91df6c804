package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.config.OptionHelp;
import dev.lawn.train.config.TrainOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainMain}: lawn train's arguments and run folder, plain output, one-line errors, exit codes. */
class TrainMainTest {

  @TempDir static Path shared;
  static Path data;

  @BeforeAll
  static void writeData() throws Exception {
    data = SyntheticRatings.write(shared.resolve("data"), 60, 150, 20, 7);
  }

  record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TrainMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A valid run into {@code out}, {@code extra} ({@code --key value} pairs) replacing or adding options. */
  private static String[] args(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("--model", "ncf-mlp", "--data", "movielens-100k", "--data-dir",
        data.toString(), "--batch-size", "128", "--threads", "1", "--out", out.toString()));
    for (int i = 0; i < extra.length; i += 2) {
      int at = args.indexOf(extra[i]);
      if (at >= 0) {
        args.subList(at, at + 2).clear();
      }
      args.addAll(List.of(extra[i], extra[i + 1]));
    }
    return args.toArray(String[]::new);
  }

  private static String oneLine(Outcome o) {
    String[] lines = o.err().strip().split("\\R");
    assertEquals(1, lines.length, o.err());
    return lines[0];
  }

  @Test
  void argumentsThatDoNotParseAreUsageErrors(@TempDir Path dir) {
    Outcome unknown = run(args(dir.resolve("run"), "--learning-rate", "1"));
    assertEquals(TrainMain.EXIT_USAGE, unknown.code());
    assertTrue(oneLine(unknown).startsWith("lawn-train: unknown option '--learning-rate' (usage: lawn-train --out RUN_DIR"),
        unknown.err());
    Outcome noOut = run("--epochs", "1");
    assertEquals(TrainMain.EXIT_USAGE, noOut.code());
    assertTrue(oneLine(noOut).startsWith("lawn-train: --out RUN_DIR is required"), noOut.err());
    Outcome kernels = run(args(dir.resolve("run"), "--kernels", "gpu"));
    assertEquals(TrainMain.EXIT_USAGE, kernels.code());
    assertTrue(oneLine(kernels).startsWith("lawn-train: --kernels='gpu': expected auto, fused or graph"), kernels.err());
    assertFalse(Files.exists(dir.resolve("run")));
    assertEquals(TrainMain.EXIT_OK, run("--help").code());
  }

  @Test
  void helpListsEveryOptionWithItsDescription() {
    Outcome help = run("--help");
    assertEquals(TrainMain.EXIT_OK, help.code());
    assertEquals("", help.err());
    assertTrue(help.out().startsWith("usage: lawn-train --out RUN_DIR"), help.out());
    String text = help.out().replaceAll("\\s+", " "); // unwrapped
    for (String option : List.of("--out=RUN_DIR", "--config=FILE", "--kernels=auto|fused|graph")) {
      assertTrue(text.contains(" " + option + " "), option);
    }
    for (String key : TrainOptions.keys()) {
      OptionHelp.Entry entry = OptionHelp.of(key);
      String described = " " + entry.usage() + " " + entry.description().replaceAll("\\s+", " ") + " ";
      assertTrue(text.contains(described), key + " in: " + help.out());
    }
  }

  @Test
  void impossibleSettingsFailInOneLineAndWriteNothing(@TempDir Path dir) {
    Path run = dir.resolve("run");
    Outcome lr = run(args(run, "--lr", "-1"));
    assertEquals(TrainMain.EXIT_ERROR, lr.code());
    assertEquals("lawn-train: --lr must be a finite number > 0, got -1.0", oneLine(lr));
    Outcome model = run(args(run, "--model", "resnet18"));
    assertEquals(TrainMain.EXIT_ERROR, model.code());
    assertTrue(oneLine(model).startsWith("lawn-train: --model resnet18 does not fit recommendation data"), model.err());
    assertFalse(Files.exists(run), "checked before the run folder is opened");
  }

  @Test
  void trainsAShortRunIntoItsRunFolder(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    Outcome o = run(args(run, "--epochs", "2", "--kernels", "graph", "--optimizer", "adam-lawn"));
    assertEquals(TrainMain.EXIT_OK, o.code(), o.err());
    assertEquals("", o.err());
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.get(0).startsWith("lawn-train: --epochs 2 is shorter than the default schedule"), o.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("lawn-train: ncf-mlp on movielens-100k, adam-lawn lr .*, batch 128, "
        + "2 epochs \\(\\d+ steps each\\)")), o.out());
    assertEquals(2, lines.stream().filter(l -> l.startsWith("epoch ")).count(), o.out());
    assertTrue(lines.get(lines.size() - 1).startsWith("done: hr@10 "), o.out());
    assertTrue(Files.exists(run.resolve(RunDirectory.SUMMARY)));
    String config = Files.readString(run.resolve(RunDirectory.CONFIG));
    assertTrue(config.contains("\"e_free\" : \"1\"") || config.contains("\"e_free\":\"1\""), "scaled default: " + config);
  }
}
