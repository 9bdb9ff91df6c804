package dev.lawn.tools.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every preset in configs/ parses, knows only real options, validates, and names its table. */
class PresetsTest {

  @Test
  void everyPresetResolvesAndValidates() throws Exception {
    Path configs = Path.of("..", "configs");
    List<Path> presets;
    try (Stream<Path> files = Files.list(configs)) {
      presets = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(presets.isEmpty());
    for (Path preset : presets) {
      TrainCommand command = new TrainCommand();
      new CommandLine(command).parseArgs("--config", preset.toString(), "--out", "unused");
      TrainConfig config = command.resolve();
      assertTrue(config.optimizer().epochs() > 0, preset.toString());
      assertTrue(Files.readString(preset).matches("(?s)#.*(Table|analog).*"), preset + " names the table it reproduces");
    }
  }

  @Test
  void unknownKeyInAConfigIsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "model: ncf-mlp\nlearning_rate: 0.1\n");
    TrainCommand command = new TrainCommand();
    new CommandLine(command).parseArgs("--config", bad.toString(), "--out", "unused");
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, command::resolve);
    assertTrue(e.getMessage().contains("learning_rate") && e.getMessage().contains(bad.toString()), e.getMessage());
  }
}
