package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.data.image.ImageStore;
import dev.lawn.train.predict.TinyImageFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --image-store files} trains on the batches {@code memory} trains on: the same run, metric for metric. */
class ImageStoreTrainingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private TrainConfigBuilder tiny(Path data, ImageStore store) {
    return TrainConfig.builder().model("small-cnn").widthMultiplier(0.25).data("image-folder")
        .dataDir(data.toString()).optimizer("adam-lawn").eFree("1").lr(3e-3).batchSize(8).epochs(3)
        .warmupEpochs(1).validation(true).validationSize(6).trainSize(20).threads(1).imageStore(store);
  }

  private static List<String> metricRows(Path run) throws Exception {
    return Files.readAllLines(run.resolve(RunDirectory.METRICS));
  }

  /** The row without what depends on the clock. */
  private static JsonNode computed(String row) throws Exception {
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(row);
    List.of("wall_seconds", "train_seconds", "samples_per_second", "input_wait_seconds", "eval_seconds",
        "epoch_seconds").forEach(node::remove);
    return node;
  }

  @Test
  void filesTrainTheRunMemoryTrains() throws Exception {
    Path data = TinyImageFolder.write(dir.resolve("images"), 12, 3, 10, 3, 5);
    Path held = dir.resolve("held");
    Path files = dir.resolve("files");
    new Trainer(tiny(data, ImageStore.MEMORY).build(), held, new TrainingListener() {}).run();
    new Trainer(tiny(data, ImageStore.FILES).build(), files, new TrainingListener() {}).run();
    List<String> a = metricRows(held);
    List<String> b = metricRows(files);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      JsonNode want = computed(a.get(i));
      assertTrue(want.has("loss") && want.has("val_accuracy"), want.toString());
      assertEquals(want, computed(b.get(i)), "metrics row " + i);
    }
    JsonNode config = JSON.readTree(files.resolve(RunDirectory.CONFIG).toFile());
    assertEquals("files", config.get("image_store").asText(), "config.json records the store");
    JsonNode heldConfig = JSON.readTree(held.resolve(RunDirectory.CONFIG).toFile());
    assertEquals(List.of(), RunDirectory.differences(heldConfig, config),
        "the store changes no batch: a run may resume with the other");
  }

  @Test
  void resizedCropsFromFilesAreCutFromTheOriginalsAndSaySo() throws Exception {
    Path data = TinyImageFolder.write(dir.resolve("images"), 12, 3, 10, 3, 5);
    List<String> messages = new java.util.ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onMessage(String message) {
        messages.add(message);
      }
    };
    Path held = dir.resolve("held");
    Path files = dir.resolve("files");
    new Trainer(tiny(data, ImageStore.MEMORY).augmentation("resized-crop").epochs(1).build(), held, listener).run();
    assertTrue(messages.stream().noneMatch(m -> m.contains("cut from the original JPEGs")), messages.toString());
    new Trainer(tiny(data, ImageStore.FILES).augmentation("resized-crop").epochs(1).build(), files, listener).run();
    assertTrue(messages.stream().anyMatch(m -> m.contains("random resized crops cut from the original JPEGs")),
        messages.toString());
    JsonNode a = computed(metricRows(held).get(0));
    JsonNode b = computed(metricRows(files).get(0));
    assertTrue(Double.isFinite(b.get("loss").asDouble()), b.toString());
    assertFalse(a.get("loss").equals(b.get("loss")), "other crops, another loss: " + a + " / " + b);
  }

  @Test
  void threadsBoundTheImageWorkToo() throws Exception {
    Path data = TinyImageFolder.write(dir.resolve("images"), 12, 3, 10, 3, 5);
    try (Task one = Tasks.load(tiny(data, ImageStore.FILES).threads(1).build());
        Task every = Tasks.load(tiny(data, ImageStore.FILES).threads(0).build())) {
      assertEquals(dev.lawn.data.HostThreads.of(1), ((ClassificationTask) one).hostThreads());
      assertEquals(dev.lawn.data.HostThreads.ALL_CORES, ((ClassificationTask) every).hostThreads());
    }
  }

  @Test
  void filesAreRefusedForADataSetHeldInMemory() throws Exception {
    Path cifar = Files.createDirectories(dir.resolve("cifar"));
    byte[] record = new byte[1 + 3072]; // one CIFAR-10 record: a label byte, then the pixels
    for (String file : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
        "test_batch")) {
      Files.write(cifar.resolve(file + ".bin"), record);
    }
    TrainConfig config = TrainConfig.builder().model("mlp").data("cifar10").dataDir(cifar.toString())
        .optimizer("adam").epochs(1).warmupEpochs(0).imageStore(ImageStore.FILES).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunPreflight.check(config));
    assertEquals("--image-store files applies to an image folder (--data image-folder), not to cifar10, whose files "
        + "are not one per image: it is held in memory", e.getMessage());
    RunPreflight.check(config.toBuilder().imageStore(ImageStore.MEMORY).build()); // the same run, held
  }

  @Test
  void recommendationDataRefusesAStoreBeforeTraining() throws Exception {
    Path data = SyntheticRatings.write(dir.resolve("data"), 30, 60, 10, 3);
    Path run = dir.resolve("run");
    TrainConfig config = TrainConfig.builder().data("movielens-100k").dataDir(data.toString()).optimizer("adam").epochs(1).warmupEpochs(0)
        .imageStore(ImageStore.FILES).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(config, run, new TrainingListener() {}).run());
    assertEquals("--image-store files applies to image data only, not to movielens-100k", e.getMessage());
    assertFalse(Files.exists(run.resolve(RunDirectory.METRICS)), "nothing trained");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.builder().imageStore("disk"));
    assertTrue(bad.getMessage().startsWith("--image-store must be auto, memory or files"), bad.getMessage());
  }
}
