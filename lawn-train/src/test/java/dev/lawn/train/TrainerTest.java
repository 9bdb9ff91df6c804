package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  static Path data;

  @BeforeAll
  static void data() throws IOException {
    data = SyntheticRatings.write(shared.resolve("data"), 60, 150, 20, 7);
  }

  static TrainConfig config(String optimizer, int batch, int micro, int epochs, String eFree) {
    return TrainConfig.builder().dataDir(data.toString()).optimizer(optimizer).lr(3e-3).batchSize(batch)
        .microBatchSize(micro).epochs(epochs).warmupEpochs(1).eFree(eFree).seed(3).threads(1).build();
  }

  static List<JsonNode> rows(Path run) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  /** Every numeric value of two metric rows agrees to {@code rel} (timings excluded). */
  static void assertRowsClose(List<JsonNode> a, List<JsonNode> b, double rel) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      for (Iterator<String> it = a.get(i).fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (key.contains("second") || key.equals("lr")) {
          continue;
        }
        JsonNode x = a.get(i).get(key);
        JsonNode y = b.get(i).get(key);
        if (x.isNumber()) {
          double scale = Math.max(1e-3, Math.abs(x.asDouble()));
          assertTrue(Math.abs(x.asDouble() - y.asDouble()) <= rel * scale,
              "row " + i + " " + key + ": " + x + " vs " + y);
        } else {
          assertEquals(x, y, "row " + i + " " + key);
        }
      }
    }
  }

  @Test
  void adamLawnRunWritesTheContractFiles(@TempDir Path out) throws IOException {
    Path run = out.resolve("run");
    Map<String, Object> summary = new Trainer(config("adam-lawn", 256, 0, 3, "1"), run, new TrainingListener() {}).run();
    for (String f : List.of("config.json", "model.json", "metrics.jsonl", "metrics.csv", "summary.json")) {
      assertTrue(Files.exists(run.resolve(f)), f);
    }
    assertTrue(Files.isDirectory(run.resolve("checkpoints")));
    assertTrue(Files.isDirectory(run.resolve("tensorboard")));
    List<JsonNode> rows = rows(run);
    assertEquals(3, rows.size());
    for (String key : List.of("epoch", "step", "loss", "lr", "margin_p50", "phase", "hr@10", "ndcg@10")) {
      assertTrue(rows.get(0).has(key), key);
    }
    assertEquals("free", rows.get(0).get("phase").asText());
    assertEquals("constrained", rows.get(1).get("phase").asText());
    assertEquals(1, summary.get("switch_epoch"));
    assertEquals(false, summary.get("onednn"), "the tests run without oneDNN (the parent pom's surefire environment)");
    assertTrue(summary.containsKey("cpu") && summary.containsKey("cpu_avx512"), summary.toString());
    // Input wait is cumulative like train_seconds, and a part of it.
    double waited = 0;
    for (JsonNode row : rows) {
      double w = row.get("input_wait_seconds").asDouble();
      assertTrue(w >= waited && w <= row.get("train_seconds").asDouble(), row.toString());
      waited = w;
    }
    JsonNode s = JSON.readTree(run.resolve("summary.json").toFile());
    for (String key : List.of("wall_seconds", "train_samples_per_second", "switch_epoch", "config", "hr@10")) {
      assertTrue(s.has(key), key);
    }
    // After the switch every group's norm stays at the value it had at the switch.
    Iterator<String> keys = rows.get(1).fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (k.startsWith("norm/")) {
        assertEquals(rows.get(1).get(k).asDouble(), rows.get(2).get(k).asDouble(), 1e-5 * rows.get(1).get(k).asDouble(), k);
      }
    }
    var again = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(config("adam-lawn", 256, 0, 3, "1"), run, new TrainingListener() {}).run());
    assertTrue(again.getMessage().contains("finished run"));
  }

  @Test
  void groupsChoiceReachesLawn(@TempDir Path out) throws IOException {
    // --groups classifier makes one LAWN group, the output layer (per-layer makes one per layer:
    // the metrics log a norm/<group> column for each), and its norm stays put after the switch.
    Map<String, List<String>> groupsBySelector = new java.util.HashMap<>();
    for (String selector : List.of("classifier", "per-layer")) {
      Path run = out.resolve(selector);
      new Trainer(config("adam-lawn", 256, 0, 3, "1").toBuilder().groups(selector).build(), run,
          new TrainingListener() {}).run();
      List<JsonNode> rows = rows(run);
      List<String> groups = new ArrayList<>();
      for (Iterator<String> keys = rows.get(1).fieldNames(); keys.hasNext(); ) {
        String k = keys.next();
        if (k.startsWith("norm/")) {
          groups.add(k);
          double atSwitch = rows.get(1).get(k).asDouble();
          assertEquals(atSwitch, rows.get(2).get(k).asDouble(), 1e-5 * atSwitch, selector + " " + k);
        }
      }
      groupsBySelector.put(selector, groups);
    }
    assertEquals(1, groupsBySelector.get("classifier").size(), groupsBySelector.toString());
    assertTrue(groupsBySelector.get("per-layer").size() > 1, groupsBySelector.toString());
    assertTrue(groupsBySelector.get("per-layer").containsAll(groupsBySelector.get("classifier")), groupsBySelector.toString());
  }

  @Test
  void accumulatingMicroBatchesEqualsOneBigBatch(@TempDir Path out) throws IOException {
    // 60 users x 19 training positives x 5 rows = 5700 rows: the last step of each epoch is short.
    new Trainer(config("adam-lawn", 1024, 0, 3, "1"), out.resolve("whole"), new TrainingListener() {}).run();
    new Trainer(config("adam-lawn", 1024, 256, 3, "1"), out.resolve("micro"), new TrainingListener() {}).run();
    assertRowsClose(rows(out.resolve("whole")), rows(out.resolve("micro")), 1e-5);
  }

  @Test
  void killedAndResumedRunMatchesAnUninterruptedOne(@TempDir Path out) throws IOException {
    TrainConfig config = config("lamb-lawn", 512, 0, 4, "2");
    new Trainer(config, out.resolve("straight"), new TrainingListener() {}).run();
    Path broken = out.resolve("broken");
    var kill = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch) {
        if (epoch == 3) {
          throw new IllegalStateException("simulated kill");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> new Trainer(config, broken, kill).run());
    assertFalse(Files.exists(broken.resolve("summary.json")));
    List<String> messages = new ArrayList<>();
    new Trainer(config, broken, new TrainingListener() {
      @Override
      public void onMessage(String message) {
        messages.add(message);
      }
    }).run();
    assertTrue(messages.stream().anyMatch(m -> m.startsWith("resumed")), messages.toString());
    assertRowsClose(rows(out.resolve("straight")), rows(broken), 0);
  }

  @Test
  void nonFiniteLossStopsTheRun(@TempDir Path out) throws IOException {
    TrainConfig exploding = config("sgd", 256, 0, 3, "5");
    exploding = TrainConfig.builder().model(exploding.model()).data(exploding.data())
        .optimizer("sgd").lr(1e30).batchSize(256).epochs(3).warmupEpochs(0).seed(3)
        .threads(1).build();
    Path run = out.resolve("nan");
    TrainConfig finalConfig = exploding;
    var e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(finalConfig, run, new TrainingListener() {}).run());
    assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
    assertFalse(Files.exists(run.resolve("summary.json")));
    RunStatus status = RunStatus.read(run);
    assertEquals(RunStatus.State.FAILED, status.state(), "the trainer recorded why it stopped: " + status);
    assertTrue(status.problem().startsWith("TrainingDivergedException after epoch 0: training loss is"), status.problem());
    assertTrue(status.secondsLeft().isEmpty(), "a failed run has no time left to estimate");
    try (var ckpts = Files.list(run.resolve("checkpoints"))) {
      assertTrue(ckpts.noneMatch(p -> p.getFileName().toString().startsWith("ckpt-")), "no checkpoint of a diverged state");
    } catch (java.nio.file.NoSuchFileException none) {
      assertNotNull(none);
    }
  }

  @Test
  void automaticSwitchFollowsTheMedianMarginAndSaysWhy(@TempDir Path out) throws IOException {
    Path run = out.resolve("auto");
    List<String> told = new ArrayList<>();
    Map<String, Object> summary = new Trainer(config("adam-lawn", 256, 0, 12, "auto"), run, new TrainingListener() {
      @Override
      public void onSwitch(int completedEpochs, long step, String reason) {
        told.add(completedEpochs + ": " + reason);
      }
    }).run();
    List<JsonNode> rows = rows(run);
    assertEquals(12, rows.size());
    assertNotNull(summary.get("switch_epoch"), "the margin never crossed the threshold nor flattened: " + rows);
    int switchEpoch = ((Number) summary.get("switch_epoch")).intValue();
    String reason = (String) summary.get("switch_reason");
    assertTrue(reason.startsWith("auto: median margin"), reason);
    assertEquals(List.of(switchEpoch + ": " + reason), told, "the listener hears the switch once");
    // The decision replayed from the logged per-epoch medians: no earlier epoch qualified.
    var policy = dev.lawn.ops.SwitchPolicy.Automatic.defaults();
    double[] margins = rows.stream().mapToDouble(r -> r.get("margin_p50").asDouble()).toArray();
    for (int e = 1; e < switchEpoch; e++) {
      assertTrue(policy.decide(java.util.Arrays.copyOf(margins, e)).isEmpty(), "epoch " + e + " should have switched");
      assertEquals("free", rows.get(e - 1).get("phase").asText());
    }
    assertEquals(reason, "auto: " + policy.decide(java.util.Arrays.copyOf(margins, switchEpoch)).orElseThrow());
    for (int e = switchEpoch; e <= rows.size(); e++) {
      assertEquals("constrained", rows.get(e - 1).get("phase").asText(), "epoch " + e);
    }
  }

  @Test
  void impossibleSettingsAreRejectedBeforeAnyOutput(@TempDir Path out) {
    Path run = out.resolve("never");
    assertThrows(IllegalArgumentException.class, () -> config("adam-lawn", 0, 0, 3, "1"));
    var e = assertThrows(IllegalArgumentException.class, () -> config("adam-lawn", 256, 0, 3, "9"));
    assertTrue(e.getMessage().contains("--e-free"));
    e = assertThrows(IllegalArgumentException.class, () -> config("adagrad", 256, 0, 3, "1"));
    assertTrue(e.getMessage().contains("--optimizer"));
    TrainConfig missing = TrainConfig.builder().data("movielens-1m").dataDir(out.resolve("nowhere").toString())
        .optimizer("adam").batchSize(256).epochs(3).warmupEpochs(1).eFree("1").seed(3).threads(1).build();
    assertThrows(dev.lawn.data.DataSetNotFoundException.class,
        () -> new Trainer(missing, run, new TrainingListener() {}).run());
    assertFalse(Files.exists(run), "no half-written output");
  }
}
