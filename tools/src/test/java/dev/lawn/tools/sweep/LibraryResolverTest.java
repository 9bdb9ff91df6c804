package dev.lawn.tools.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lawn.experiments.sweep.PlannedRun;
import dev.lawn.experiments.sweep.RunConfigResolver;
import dev.lawn.experiments.sweep.TrainArguments;
import dev.lawn.tools.train.TrainCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The library's resolver ({@link RunConfigResolver#trainOptions()}, no picocli) gives, for a planned run,
 * the config.json that {@code lawn train} resolves from the same arguments (its picocli command and
 * {@link TrainCommand#resolve()}), so that a sweep compares like with like whichever program trained.
 */
class LibraryResolverTest {

  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path temp;

  private static Map<String, Object> options(Object... keyValues) {
    Map<String, Object> options = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      options.put((String) keyValues[i], keyValues[i + 1]);
    }
    return options;
  }

  private PlannedRun run(Map<String, Object> options) {
    return new PlannedRun("r", temp.resolve("r"), Map.of(), 1, options);
  }

  private static JsonNode lawnTrain(PlannedRun run) {
    TrainCommand command = new TrainCommand();
    new CommandLine(command).parseArgs(TrainArguments.of(run).toArray(String[]::new));
    return JSON.valueToTree(command.resolve());
  }

  @Test
  void sameConfigJsonAsLawnTrain() throws Exception {
    Path file = temp.resolve("base.yaml");
    Files.writeString(file, "batch_size: 256\nlr: 0.5\ne-free: 1\nepochs: 8\nout: ignored\n");
    List<Map<String, Object>> cases = List.of(
        options("model", "ncf-mlp", "lr", 0.01, "e_free", 5, "seed", 3L),
        options("config", file.toString(), "lr", 0.01, "optimizer", "sgd-lawn"),
        options("config", file.toString(), "epochs", 1), // the file's e_free stands; the warm-up is scaled
        options("epochs", 1), // short-run defaults: warm-up and e_free scaled
        options("epochs", 3, "warmup_epochs", 0.5, "validation", true, "devices", List.of("cpu:0", "cpu:1"),
            "worker_input", false, "cluster_timeout_seconds", 30),
        options("model", "small-cnn", "data", "fashion-mnist", "image_size", "20x20", "augmentation", "flip",
            "width_multiplier", 0.5, "loss", "softmax-ce", "label_smoothing", 0.1, "validation_size", 500));
    for (Map<String, Object> options : cases) {
      PlannedRun run = run(options);
      assertEquals(Optional.of(lawnTrain(run)), RunConfigResolver.trainOptions().configJson(run), options.toString());
    }
  }

  @Test
  void optionsLawnTrainRejectsResolveToNothing() {
    for (Map<String, Object> options : List.of(options("lr", -1), options("epochs", 1, "e_free", 3),
        options("config", temp.resolve("missing.yaml").toString()))) {
      PlannedRun run = run(options);
      assertThrows(IllegalArgumentException.class, () -> lawnTrain(run), options.toString());
      assertEquals(Optional.empty(), RunConfigResolver.trainOptions().configJson(run), options.toString());
    }
  }
}
