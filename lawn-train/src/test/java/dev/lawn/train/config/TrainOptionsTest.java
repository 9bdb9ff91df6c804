package dev.lawn.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lawn train}'s options as a library: flags split and typed, then resolved over defaults and a file. */
class TrainOptionsTest {

  @TempDir Path dir;

  private static String error(Runnable call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }

  @Test
  void flagsAreTypedAsTheirOptionAndOutAndConfigTakenOut() {
    TrainOptions.Flags flags = TrainOptions.parseFlags(List.of("--model", "ncf-mlp", "--e-free", "5",
        "--batch-size=256", "--lr", "1e-3", "--seed", "3", "--validation", "TRUE", "--config", "base.yaml",
        "--devices", "cpu:0,cpu:1", "--out", "runs/a"));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("model", "ncf-mlp");
    expected.put("e_free", "5");
    expected.put("batch_size", 256);
    expected.put("lr", 0.001);
    expected.put("seed", 3L);
    expected.put("validation", true);
    expected.put("devices", "cpu:0,cpu:1");
    assertEquals(expected, flags.options());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(flags.options().keySet()), "in the order given");
    assertEquals(Path.of("runs/a"), flags.out());
    assertEquals(Path.of("base.yaml"), flags.config());
    assertNull(TrainOptions.parseFlags(List.of("--lr", "-1")).out(), "--out is the caller's to require");
    assertEquals(-1.0, TrainOptions.parseFlags(List.of("--lr", "-1")).options().get("lr"), "a negative value is a value");
  }

  @Test
  void badFlagsNameTheArgument() {
    assertEquals("unknown option '--learning-rate'", error(() -> TrainOptions.parseFlags(List.of("--learning-rate", "1"))));
    assertEquals("unknown option '--batch_size'", error(() -> TrainOptions.parseFlags(List.of("--batch_size", "1"))),
        "flags are kebab-case, as lawn train's");
    assertEquals("--epochs needs a value", error(() -> TrainOptions.parseFlags(List.of("--epochs"))));
    assertEquals(Map.of("validation", true, "lr", 1.0), TrainOptions.parseFlags(List.of("--validation", "--lr", "1")).options(),
        "a bare switch means true, as in lawn train");
    assertEquals(Map.of("worker_input", true), TrainOptions.parseFlags(List.of("--worker-input")).options());
    assertEquals("--lr is given twice", error(() -> TrainOptions.parseFlags(List.of("--lr", "1", "--lr=2"))));
    assertEquals("--out is given twice", error(() -> TrainOptions.parseFlags(List.of("--out", "a", "--out", "b"))));
    assertEquals("--lr: 'fast' is not a number", error(() -> TrainOptions.parseFlags(List.of("--lr", "fast"))));
    assertEquals("--epochs: '2.5' is not an integer", error(() -> TrainOptions.parseFlags(List.of("--epochs", "2.5"))));
    assertEquals("--worker-input: 'yes' is not true or false",
        error(() -> TrainOptions.parseFlags(List.of("--worker-input", "yes"))));
    assertTrue(error(() -> TrainOptions.parseFlags(List.of("train", "--lr", "1"))).startsWith("unexpected argument 'train'"));
  }

  @Test
  void defaultsThenFileThenOptions() throws Exception {
    Path file = dir.resolve("base.yaml");
    Files.writeString(file, "epochs: 7\nbatch-size: 64\nlr: 0.5\nout: ignored\n");
    Map<String, Object> given = new HashMap<>();
    given.put("batch-size", 32);   // kebab-case
    given.put("warmup_epochs", "0.25"); // snake_case, as text
    given.put("lr", null);         // not given: the file's value stands
    TrainOptions.Resolved r = TrainOptions.resolve(given, file);
    assertEquals(7, r.config().optimizer().epochs(), "the file's value");
    assertEquals(32, r.config().optimizer().batchSize(), "the option wins over the file");
    assertEquals(0.5, r.config().optimizer().lr());
    assertEquals(0.25, r.config().optimizer().warmupEpochs());
    assertEquals(TrainConfig.defaults().model(), r.config().model(), "the default");
    assertEquals(List.of(), r.notes(), "7 epochs hold the default warm-up of 2");
  }

  @Test
  void javaValuesAreTypedOnce() {
    TrainConfig c = TrainOptions.resolve(Map.of("e_free", 3, "epochs", 12.0, "seed", 9, "devices", List.of("cpu:0", "cpu:1")),
        null).config();
    assertEquals("3", c.lawn().eFree().text());
    assertEquals(12, c.optimizer().epochs());
    assertEquals(9L, c.seed());
    assertEquals("cpu:0,cpu:1", c.placement().devices());
    assertEquals("--epochs: '2.5' is not an integer", error(() -> TrainOptions.resolve(Map.of("epochs", 2.5), null)));
    assertEquals("unknown option 'learning_rate'", error(() -> TrainOptions.resolve(Map.of("learning_rate", 1), null)));
    assertTrue(error(() -> TrainOptions.resolve(Map.of("config", "x.yaml"), null)).contains("separate arguments"));
    assertTrue(error(() -> TrainOptions.resolve(Map.of("lr", -1), null)).startsWith("--lr must be"), "checked by the settings");
  }

  @Test
  void shortRunsScaleTheDefaultsTheUserDidNotGive() {
    TrainOptions.Resolved r = TrainOptions.resolve(Map.of("epochs", 1), null);
    assertEquals(0.1, r.config().optimizer().warmupEpochs());
    assertEquals("0", r.config().lawn().eFree().text());
    assertEquals(List.of("--epochs 1 is shorter than the default schedule (--warmup-epochs 2, --e-free 5 of 20 epochs); "
        + "scaled to the same fractions: --warmup-epochs 0.1, --e-free 0 (norms fixed at initialization). "
        + "Pass these options to choose other values."), r.notes());
    TrainOptions.Resolved given = TrainOptions.resolve(Map.of("epochs", 1, "e-free", "1"), null);
    assertEquals("1", given.config().lawn().eFree().text(), "a value given is never changed");
    assertEquals(0.1, given.config().optimizer().warmupEpochs());
    assertTrue(given.notes().get(0).endsWith("scaled to the same fractions: --warmup-epochs 0.1. "
        + "Pass these options to choose other values."), given.notes().toString());
  }

  @Test
  void fileErrorsNameTheFile() throws Exception {
    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(unknown, "learning_rate: 0.1\n");
    assertEquals("--config " + unknown + ": unknown option 'learning_rate'", error(() -> TrainOptions.resolve(Map.of(), unknown)));
    Path typed = dir.resolve("typed.yaml");
    Files.writeString(typed, "batch_size: many\n");
    String message = error(() -> TrainOptions.resolve(Map.of(), typed));
    assertTrue(message.startsWith("--config " + typed + ": --batch-size: ") && !message.contains("\n"), message);
    Path list = dir.resolve("list.yaml");
    Files.writeString(list, "- 1\n");
    assertEquals("--config " + list + ": expected a map of options", error(() -> TrainOptions.resolve(Map.of(), list)));
    Path absent = dir.resolve("absent.yaml");
    assertEquals("--config " + absent + ": no such file", error(() -> TrainOptions.resolve(Map.of(), absent)));
  }

  @Test
  void everyConfigJsonKeyIsAnOption() {
    List<String> configKeys = new ArrayList<>();
    new ObjectMapper().valueToTree(TrainConfig.defaults()).fieldNames().forEachRemaining(configKeys::add);
    assertEquals(configKeys, List.copyOf(TrainOptions.keys()));
  }
}
