package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.data.image.ImageSize;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.train.config.Augmentation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed configuration: its rules across settings, and its flat snake_case form in run folders. */
class TrainConfigTest {

  /** Every key of config.json, in the order run folders hold them. */
  static final List<String> KEYS = List.of("model", "data", "data_dir", "optimizer", "lr", "batch_size",
      "micro_batch_size", "epochs", "warmup_epochs", "e_free", "weight_decay", "loss", "label_smoothing", "flooding",
      "focal_gamma", "alpha", "attenuate", "groups", "seed", "split_seed", "validation", "validation_size",
      "negatives", "width_multiplier", "eval_every", "checkpoint_every", "keep_checkpoints", "threads", "devices",
      "cluster", "cluster_timeout_seconds", "augmentation", "worker_input", "image_size", "train_size", "epsilon", "clip_norm",
      "image_store");

  /** A configuration with every setting away from its default. */
  static TrainConfig everythingSet() {
    return TrainConfig.builder().model("small-cnn").widthMultiplier(0.5).imageSize(new ImageSize(24, 20))
        .data("fashion-mnist").dataDir("data/fashion").validation(true).validationSize(300).negatives(2)
        .splitSeed(7).augmentation(Augmentation.FLIP).trainSize(1000).optimizer("lamb-lawn").lr(0.02).batchSize(128)
        .microBatchSize(64).epochs(9).warmupEpochs(1.5).eFree("margin-level:3").alpha(0.5).attenuate("dense_2")
        .groups("with-bn").loss("focal").flooding(0.01).focalGamma(2).devices("cpu:0,cpu:1")
        .cluster("127.0.0.1:2222").clusterTimeoutSeconds(30).workerInput(true).threads(2).evalEvery(3)
        .checkpointEvery(3).keepCheckpoints(2).seed(11).epsilon(1e-5).clipNorm(2.5).imageStore("files").build();
  }

  @Test
  void crossSettingRulesNameBothOptions() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.builder().epochs(3).warmupEpochs(1).eFree("4").build());
    assertEquals("--e-free (4) must not exceed --epochs (3)", e.getMessage());
    TrainConfig plain = TrainConfig.builder().optimizer("adam").epochs(3).warmupEpochs(1).eFree("4").build();
    assertEquals(new SwitchPolicy.Never(), plain.switchPolicy(), "a plain optimizer never switches: --e-free is inert");
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().optimizer("sgd").alpha(0.5).build());
    assertEquals("--alpha (logit attenuation at the switch) needs a -lawn optimizer", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().weightDecay(1e-4).build());
    assertTrue(e.getMessage().startsWith("--weight-decay must be 0 with adam-lawn"), e.getMessage());
  }

  @Test
  void jsonIsFlatSnakeCaseAndRoundTrips() throws IOException {
    for (TrainConfig config : List.of(TrainConfig.defaults(), everythingSet())) {
      JsonNode json = RunDirectory.JSON.valueToTree(config);
      List<String> keys = new ArrayList<>();
      json.fieldNames().forEachRemaining(keys::add);
      assertEquals(KEYS, keys);
      assertEquals(config, RunDirectory.JSON.treeToValue(json, TrainConfig.class));
      assertEquals(config, RunDirectory.JSON.readValue(RunDirectory.JSON.writeValueAsString(config), TrainConfig.class));
    }
    JsonNode json = RunDirectory.JSON.valueToTree(everythingSet());
    assertEquals("lamb-lawn", json.get("optimizer").asText());
    assertEquals("margin-level:3", json.get("e_free").asText());
    assertEquals("24x20", json.get("image_size").asText());
    assertEquals("data/fashion", json.get("data_dir").asText());
    assertTrue(RunDirectory.JSON.valueToTree(TrainConfig.defaults()).get("data_dir").isNull());
    assertTrue(KEYS.containsAll(dev.lawn.train.config.LawnChoice.CONFIG_KEYS), "LAWN's keys are config.json keys");
  }

  @Test
  void oldRunFoldersAreReadAndResumable(@TempDir Path dir) throws IOException {
    for (String name : List.of("before-placement-keys", "hoffer", "with-augmentation-and-worker-input")) {
      Path run = dir.resolve(name);
      Files.createDirectories(run);
      try (InputStream in = getClass().getResourceAsStream("/old-configs/" + name + ".json")) {
        Files.copy(in, run.resolve(RunDirectory.CONFIG));
      }
      JsonNode written = RunDirectory.JSON.readTree(run.resolve(RunDirectory.CONFIG).toFile());
      TrainConfig read = RunDirectory.existing(run).config();
      JsonNode again = RunDirectory.JSON.valueToTree(read);
      assertEquals(List.of(), RunDirectory.differences(written, again), name + " reads back as it was written");
      written.fieldNames().forEachRemaining(key ->
          assertEquals(written.get(key).toString(), again.get(key).toString(), name + " " + key)); // 2 and 2L alike
      RunDirectory.openForTraining(run, read).close(); // the same settings resume the run
    }
    TrainConfig old = RunDirectory.existing(dir.resolve("before-placement-keys")).config();
    assertEquals("lamb-lawn", old.optimizer().choice().toString());
    assertEquals(5, old.lawn().eFree().epochCount());
    assertEquals(Augmentation.CROP_FLIP, old.data().augmentation(), "absent keys take their defaults");
    assertEquals(null, old.placement().devices());
    assertEquals(SwitchPolicy.hoffer(), RunDirectory.existing(dir.resolve("hoffer")).config().switchPolicy());
    assertEquals("with-bn-scales", RunDirectory.existing(dir.resolve("with-augmentation-and-worker-input")).config()
        .lawn().groups());
  }

  @Test
  void anImpossibleValueInAConfigFileNamesTheFileAndTheOption(@TempDir Path dir) throws IOException {
    ObjectNode json = RunDirectory.JSON.valueToTree(TrainConfig.defaults());
    json.put("batch_size", 0);
    Files.writeString(dir.resolve(RunDirectory.CONFIG), json.toString());
    var e = assertThrows(IllegalArgumentException.class, () -> RunDirectory.existing(dir).config());
    assertEquals(dir.resolve(RunDirectory.CONFIG) + ": --batch-size must be positive, got 0", e.getMessage());
  }

  /** Every run folder committed with the project still reads back to the file it wrote. */
  @Test
  void everyCommittedRunFolderReadsBack() throws IOException {
    Path runs = Path.of("..", "runs");
    if (!Files.isDirectory(runs)) {
      return; // a source tree without the experiment records
    }
    List<Path> configs;
    try (var files = Files.walk(runs)) {
      configs = files.filter(p -> p.getFileName().toString().equals(RunDirectory.CONFIG)).toList();
    }
    assertTrue(!configs.isEmpty(), "no " + RunDirectory.CONFIG + " under " + runs);
    for (Path file : configs) {
      JsonNode written = RunDirectory.JSON.readTree(file.toFile());
      JsonNode again = RunDirectory.JSON.valueToTree(RunDirectory.existing(file.getParent()).config());
      assertEquals(List.of(), RunDirectory.differences(written, again), file.toString());
    }
  }
}
