package dev.lawn.tools.quickstart;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.data.DataSetNotFoundException;
import dev.lawn.data.DataSets;
import dev.lawn.experiments.sweep.SameConfigRuns;
import dev.lawn.tools.LawnRun;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QuickstartCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theTwoRunsDifferOnlyInWhatIsCompared() {
    QuickstartCommand command = new QuickstartCommand();
    new CommandLine(command).parseArgs();
    Map<String, TrainConfig> configs = command.configs();
    assertEquals(List.of("adam-wd", "adam-lawn"), List.copyOf(configs.keySet()));
    JsonNode baseline = JSON.valueToTree(configs.get("adam-wd"));
    JsonNode lawn = JSON.valueToTree(configs.get("adam-lawn"));
    assertEquals(List.of("optimizer \"adam\" -> \"adam-lawn\"", "weight_decay 5.0E-4 -> 0.0", "alpha 1.0 -> 0.3",
        "groups \"per-layer\" -> \"with-bn-scales\""), SameConfigRuns.differences(baseline, lawn));
    assertEquals("vgg11", lawn.get("model").asText());
    assertEquals(10_000, lawn.get("train_size").asInt());
    assertEquals("fashion-mnist", lawn.get("data").asText());
  }

  /** Trains both runs at a tiny size on the real Fashion-MNIST (skipped where it is not installed). */
  @Test
  void trainsBothReportsAndReusesOnlyTheSameSettings(@TempDir Path dir) throws Exception {
    try {
      DataSets.resolve("fashion-mnist", null);
    } catch (DataSetNotFoundException absent) {
      assumeTrue(false, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    }
    Path out = dir.resolve("qs");
    String[] tiny = {"quickstart", "--out", out.toString(), "--model", "mlp", "--train-size", "512", "--epochs", "2",
        "--e-free", "1"};
    lawn(tiny).ok();
    for (String run : List.of("adam-wd", "adam-lawn")) {
      JsonNode config = JSON.readTree(out.resolve(run).resolve(RunDirectory.CONFIG).toFile());
      assertEquals(512, config.get("train_size").asInt());
      assertTrue(Files.isRegularFile(out.resolve(run).resolve(RunDirectory.SUMMARY)), run);
    }
    assertTrue(Files.size(out.resolve("report").resolve("epoch.png")) > 0);

    Path summary = out.resolve("adam-lawn").resolve(RunDirectory.SUMMARY);
    FileTime written = Files.getLastModifiedTime(summary);
    assertEquals(0, lawn(tiny).code(), "a second run reuses both finished runs");
    assertEquals(written, Files.getLastModifiedTime(summary), "not trained again");

    LawnRun other = lawn(quickstartWith(tiny, "--alpha", "0.5"));
    assertEquals(1, other.code());
    assertTrue(other.err().contains(out.resolve("adam-lawn") + " holds a finished run with other settings (alpha 0.3 -> 0.5)"),
        other.err());
    assertEquals(written, Files.getLastModifiedTime(summary), "the finished run is left as it was");
  }

  private static String[] quickstartWith(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
