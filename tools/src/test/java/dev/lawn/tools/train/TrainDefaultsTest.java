package dev.lawn.tools.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainDefaultsTest {

  @Test
  void helpShowsTheConfigurationsDefaults() {
    String help = new CommandLine(new TrainCommand()).getUsageMessage().replaceAll("\\s+", " "); // unwrapped
    TrainConfig d = TrainConfig.defaults();
    assertTrue(help.contains("(default " + d.optimizer().batchSize() + ")"), help);
    assertTrue(help.contains("(default " + d.lawn().eFree() + "; epochs/4"), help);
    assertTrue(help.contains("(default " + d.optimizer().choice() + ")"), help);
    assertTrue(help.contains("(default " + d.placement().clusterTimeoutSeconds() + "; 0 = no limit)"), help);
    assertTrue(help.contains("(default " + d.model().name() + ")"), help);
    assertTrue(help.contains("(default " + d.lawn().groups() + ":"), help);
  }

  @Test
  void onlyGivenFlagsOverrideTheConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, "epochs: 7\nbatch_size: 64\n");
    TrainCommand command = new TrainCommand();
    new CommandLine(command).parseArgs("--config", file.toString(), "--out", "unused", "--batch-size", "32");
    TrainConfig config = command.resolve();
    assertEquals(7, config.optimizer().epochs(), "the file's value, not the default shown by --help");
    assertEquals(32, config.optimizer().batchSize(), "the flag wins over the file");
    assertEquals(TrainConfig.defaults().optimizer().lr(), config.optimizer().lr());
  }
}
