package dev.lawn.tools.train;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a new user sees from {@code lawn train}: each error whole on one line, nothing written to
 * {@code --out} by a rejected command (so the corrected one runs), and a one-epoch run on the
 * default schedule.
 */
class TrainMessagesTest {

  @TempDir static Path shared;
  static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    data = TinyRatings.write(shared.resolve("data"), 1);
  }

  /** {@link TinyRatings}' short run with {@code extra} options ({@code --key=value}) replacing or adding to it. */
  static List<String> trainArgs(Path out, String... extra) {
    return TinyRatings.trainArgs(data, out, extra);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "unknown model           | --model=ncf-foo          | lawn train: --model: unknown model 'ncf-foo' (known: ncf-mlp, ncf-gmf, ncf-neumf, mlp, small-cnn",
    "image model on ratings  | --model=resnet18         | lawn train: --model resnet18 does not fit recommendation data movielens-100k; use one of ncf-mlp, ncf-gmf, ncf-neumf",
    "classifier loss         | --loss=softmax-ce        | lawn train: --loss softmax-ce needs a classifier; movielens-100k is binary",
    "augmenting ratings      | --augmentation=flip      | lawn train: --augmentation flip applies to image data only",
  })
  void rejectedOptionWritesNothingAndTheCorrectedCommandRuns(String name, String option, String message,
      @TempDir Path dir) {
    Path run = dir.resolve("run");
    String line = lawn(trainArgs(run, option)).failureLine();
    assertTrue(line.startsWith(message), line);
    assertFalse(Files.exists(run), "nothing written to --out for " + name);
    lawn(trainArgs(run, "--epochs=1", "--e-free=1")).ok();
  }

  @Test
  void missingDataSetListsThePlacesAndTheHintOnOneLine(@TempDir Path dir) {
    Path nowhere = dir.resolve("no-such-folder");
    Path run = dir.resolve("run");
    String line = lawn(trainArgs(run, "--data=movielens-1m", "--data-dir=" + nowhere)).failureLine();
    assertTrue(line.startsWith("lawn train: data set 'movielens-1m' not found (--data-dir " + nowhere
        + " does not exist). Looked in: " + nowhere + ", "
        + nowhere.resolve("ml-1m")), line);
    assertTrue(line.contains(". How to get it: download ml-1m.zip from "
        + "https://grouplens.org/datasets/movielens/1m/"), line);
    assertFalse(Files.exists(run));
  }

  @Test
  void yamlSyntaxErrorNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "model: ncf-mlp\nepochs: [1, 2\nlr: 0.001\n");
    Path run = dir.resolve("run");
    String line = lawn(trainArgs(run, "--config=" + config)).failureLine();
    assertEquals("lawn train: --config " + config + ":3:3: malformed YAML: expected ',' or ']', but got : "
        + "(while parsing a flow sequence at line 2, column 9)", line);
    assertFalse(Files.exists(run));
  }

  @Test
  void wronglyTypedConfigValueNamesTheOption(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("typed.yaml");
    Files.writeString(config, "batch_size: many\n");
    List<String> args = new ArrayList<>(trainArgs(dir.resolve("run")));
    int at = args.indexOf("--batch-size");
    args.remove(at + 1);
    args.remove(at);
    args.add("--config=" + config);
    String line = lawn(args).failureLine();
    assertTrue(line.startsWith("lawn train: --config " + config + ": --batch-size: "), line);
  }

  @Test
  void missingConfigFileIsCalledMissingWithItsPathOnce(@TempDir Path dir) {
    Path config = dir.resolve("absent.yaml");
    String line = lawn(trainArgs(dir.resolve("run"), "--config=" + config)).failureLine();
    assertEquals("lawn train: --config " + config + ": no such file", line);
  }

  @Test
  void oneEpochRunsOnTheDefaultScheduleAndSaysHowItWasScaled(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(),
        "--batch-size", "256", "--threads", "1", "--epochs", "1", "--out", run.toString()));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream before = System.err;
    LawnRun o;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      o = lawn(args);
    } finally {
      System.setErr(before);
    }
    o.ok();
    String console = captured.toString(StandardCharsets.UTF_8);
    assertTrue(console.contains("lawn train: --epochs 1 is shorter than the default schedule (--warmup-epochs 2, "
        + "--e-free 5 of 20 epochs); scaled to the same fractions: --warmup-epochs 0.1, --e-free 0"), console);
    String config = Files.readString(run.resolve("config.json"));
    assertTrue(config.contains("\"warmup_epochs\" : 0.1") || config.contains("\"warmup_epochs\":0.1"), config);
    assertTrue(Files.exists(run.resolve("summary.json")));
  }

  @Test
  void anExplicitImpossibleScheduleIsStillAnError(@TempDir Path dir) {
    Path run = dir.resolve("run");
    String line = lawn(trainArgs(run, "--epochs=1", "--warmup-epochs=2")).failureLine();
    assertTrue(line.startsWith("lawn train: --warmup-epochs must be in [0, --epochs=1]"), line);
    assertFalse(Files.exists(run));
  }
}
