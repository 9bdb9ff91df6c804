package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.predict.TinyImageFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --train-size}: a run trains on the subset it names, and an impossible size fails before training. */
class TrainingSubsetTest {

  @TempDir Path dir;

  private TrainConfigBuilder tiny(Path data) {
    return TrainConfig.builder().model("mlp").data("image-folder").dataDir(data.toString()).optimizer("adam")
        .lr(3e-3).batchSize(6).epochs(2).warmupEpochs(0).threads(1);
  }

  @Test
  void aRunTrainsOnTheSubsetOnly() throws Exception {
    Path data = TinyImageFolder.write(dir.resolve("images"), 8, 3, 12, 4, 7); // 36 training images
    Path run = dir.resolve("run");
    new Trainer(tiny(data).trainSize(12).build(), run, new TrainingListener() {}).run();
    List<String> rows = Files.readAllLines(run.resolve(RunDirectory.METRICS));
    JsonNode last = new ObjectMapper().readTree(rows.get(rows.size() - 1));
    assertEquals(2, last.get("epoch").asInt());
    assertEquals(4, last.get("step").asLong(), "12 images in batches of 6: 2 steps an epoch, not 36/6 = 6");
    JsonNode config = new ObjectMapper().readTree(run.resolve(RunDirectory.CONFIG).toFile());
    assertEquals(12, config.get("train_size").asInt(), "config.json records the subset");
  }

  @Test
  void aSubsetLargerThanTheTrainingSplitIsRefusedBeforeTraining() throws Exception {
    Path data = TinyImageFolder.write(dir.resolve("images"), 8, 3, 4, 2, 7); // 12 training images
    Path run = dir.resolve("run");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(tiny(data).trainSize(13).build(), run, new TrainingListener() {}).run());
    assertTrue(e.getMessage().startsWith("--train-size 13: "), e.getMessage());
    assertTrue(e.getMessage().contains("only 12 training images"), e.getMessage());
    assertFalse(Files.exists(run.resolve(RunDirectory.METRICS)), "nothing trained");
  }
}
