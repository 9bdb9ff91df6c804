package dev.lawn.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a planned run's configuration is worked out, and when two configurations compute the same. */
class SweepSameConfigTest {

  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path temp;

  private static PlannedRun run(Path dir, Map<String, Object> options) {
    return new PlannedRun(dir.getFileName().toString(), dir, Map.of(), 1, options);
  }

  private static Map<String, Object> options(Object... keyValues) {
    Map<String, Object> options = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      options.put((String) keyValues[i], keyValues[i + 1]);
    }
    return options;
  }

  private static ObjectNode defaults() {
    return JSON.valueToTree(TrainConfig.defaults());
  }

  @Test
  void plannedRunResolvesAsLawnTrainDoes() throws Exception {
    Path file = temp.resolve("base.yaml");
    Files.writeString(file, "batch_size: 256\nlr: 0.5\n");
    Optional<JsonNode> json = RunConfigResolver.trainOptions().configJson(
        run(temp.resolve("r"), options("config", file.toString(), "model", "ncf-mlp", "e_free", 5, "lr", 0.01, "seed", 3L)));

    JsonNode config = json.orElseThrow();
    assertEquals("\"5\"", config.get("e_free").toString(), "typed as lawn train types it: a string");
    assertEquals(0.01, config.get("lr").asDouble(), "a flag wins over the config file");
    assertEquals(256, config.get("batch_size").asInt(), "from the config file");
    assertEquals(3, config.get("seed").asLong());
    assertEquals(TrainConfig.defaults().optimizer().epochs(), config.get("epochs").asInt(), "unset: the trainer's default");
    assertEquals(defaults().size(), config.size(), "every key of config.json");
  }

  @Test
  void optionsTheTrainerWouldRejectResolveToNothing() {
    RunConfigResolver resolver = RunConfigResolver.trainOptions();
    assertEquals(Optional.empty(), resolver.configJson(run(temp.resolve("a"), options("no_such_option", 1))));
    assertEquals(Optional.empty(), resolver.configJson(run(temp.resolve("b"), options("lr", -1))), "validated");
    assertEquals(Optional.empty(),
        resolver.configJson(run(temp.resolve("c"), options("config", temp.resolve("missing.yaml").toString()))));
  }

  @Test
  void onlySettingsThatChangeTheComputationCount() {
    ObjectNode wanted = defaults();
    ObjectNode previous = defaults();
    previous.put("threads", 8).put("data_dir", "/elsewhere").put("eval_every", 5).put("devices", "cpu:0,cpu:1");
    previous.remove("augmentation");
    previous.put("seed", 1); // an int node where the wanted one holds a long: same JSON text
    assertEquals(List.of(), SameConfigRuns.differences(previous, wanted));

    ObjectNode flipOnly = wanted.deepCopy().put("augmentation", "flip");
    assertEquals(List.of("augmentation unset -> \"flip\""), SameConfigRuns.differences(previous, flipOnly),
        "an absent augmentation means crop-flip only");
    ObjectNode otherLr = wanted.deepCopy().put("lr", 0.002);
    assertEquals(List.of("lr 0.001 -> 0.002"), SameConfigRuns.differences(previous, otherLr));
  }

  @Test
  void finishedMatchesSkipUnfinishedExcludedAndUnreadableRuns() throws Exception {
    ObjectNode wanted = defaults();
    Path out = temp.resolve("out");
    Path finished = writeRun(out.resolve("a"), wanted, true);
    writeRun(out.resolve("b-unfinished"), wanted, false);
    Path excluded = writeRun(out.resolve("c-planned"), wanted, true);
    Path damaged = writeRun(out.resolve("d-damaged"), wanted, true);
    Files.writeString(damaged.resolve("config.json"), "{not json");
    writeRun(out.resolve("e-other"), wanted.deepCopy().put("epochs", 3), true);
    Files.writeString(out.resolve("sweep-summary.json"), "{}");

    assertEquals(List.of(finished),
        SameConfigRuns.finishedMatches(out, wanted, java.util.Set.of(excluded.toAbsolutePath().normalize())));
    assertEquals(List.of(), SameConfigRuns.finishedMatches(temp.resolve("none"), wanted, java.util.Set.of()));
  }

  private static Path writeRun(Path dir, JsonNode config, boolean finished) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), JSON.writeValueAsString(config));
    if (finished) {
      Files.writeString(dir.resolve("summary.json"), "{}");
    }
    return dir;
  }

}
