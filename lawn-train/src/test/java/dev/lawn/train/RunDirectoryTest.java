package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming a run folder: which settings may change, and folders written before a key existed. */
class RunDirectoryTest {

  @Test
  void aFolderWrittenBeforeAugmentationExistedResumesWithTheDefaultOnly(@TempDir Path dir) throws IOException {
    TrainConfig config = TrainConfig.defaults();
    ObjectNode old = RunDirectory.JSON.valueToTree(config);
    old.remove("augmentation");
    Path resumed = Files.createDirectory(dir.resolve("resumed"));
    Path refused = Files.createDirectory(dir.resolve("refused"));
    Files.writeString(resumed.resolve(RunDirectory.CONFIG), old.toString());
    Files.writeString(refused.resolve(RunDirectory.CONFIG), old.toString());

    RunDirectory.openForTraining(resumed, config).close(); // the default: resumes

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunDirectory.openForTraining(refused, config.toBuilder().augmentation("none").build()));
    assertTrue(e.getMessage().contains("augmentation unset -> \"none\""), e.getMessage());
  }

  @Test
  void aMissingAugmentationReadsAsTheDefault() throws IOException {
    ObjectNode old = RunDirectory.JSON.valueToTree(TrainConfig.defaults());
    old.remove("augmentation");
    TrainConfig read = RunDirectory.JSON.treeToValue(old, TrainConfig.class);
    assertEquals(dev.lawn.train.config.Augmentation.CROP_FLIP, read.data().augmentation());
    assertEquals(TrainConfig.defaults(), read);
  }

  @Test
  void otherSettingsStillRefuseToResume(@TempDir Path dir) throws IOException {
    TrainConfig config = TrainConfig.defaults();
    Files.writeString(dir.resolve(RunDirectory.CONFIG), RunDirectory.JSON.valueToTree(config).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunDirectory.openForTraining(dir, config.toBuilder().augmentation("flip").build()));
    assertTrue(e.getMessage().contains("augmentation \"crop-flip\" -> \"flip\""), e.getMessage());
  }
}
