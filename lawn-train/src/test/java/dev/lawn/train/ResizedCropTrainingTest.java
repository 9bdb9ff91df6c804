package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.config.Augmentation;
import dev.lawn.train.predict.TinyImageFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --augmentation resized-crop} reaches the training batches and the run folder. */
class ResizedCropTrainingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private double firstLoss(Path data, Augmentation augmentation, String run) throws Exception {
    TrainConfig config = TrainConfig.builder().model("mlp").data("image-folder").dataDir(data.toString())
        .optimizer("adam").lr(3e-3).batchSize(8).epochs(1).warmupEpochs(0).threads(1).augmentation(augmentation)
        .build();
    Path out = dir.resolve(run);
    new Trainer(config, out, new TrainingListener() {}).run();
    assertEquals(augmentation.optionName(),
        JSON.readTree(out.resolve(RunDirectory.CONFIG).toFile()).get("augmentation").asText());
    List<String> rows = Files.readAllLines(out.resolve(RunDirectory.METRICS));
    JsonNode last = JSON.readTree(rows.get(rows.size() - 1));
    return last.get("loss").asDouble();
  }

  @Test
  void resizedCropsTrainOnOtherPixelsThanPaddedCrops() throws Exception {
    Path data = TinyImageFolder.write(dir.resolve("images"), 16, 3, 8, 2, 3);
    double resized = firstLoss(data, Augmentation.RESIZED_CROP, "resized");
    double again = firstLoss(data, Augmentation.RESIZED_CROP, "again");
    double padded = firstLoss(data, Augmentation.CROP_FLIP, "padded");
    assertEquals(resized, again, 0.0, "the same seed draws the same crops");
    assertNotEquals(resized, padded, "another augmentation, other batches");
    assertEquals(Augmentation.RESIZED_CROP, Augmentation.parse("resized-crop"));
  }
}
