package dev.lawn.tools.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataSets;
import dev.lawn.models.ModelZoo;
import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.train.config.Augmentation;
import dev.lawn.train.config.LossSettings;
import dev.lawn.train.config.OptimizerChoice;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lawn train --help} lists what the registries hold: nothing to keep in step by hand. */
class OptionNamesTest {

  private static final String HELP =
      new CommandLine(new TrainCommand()).getUsageMessage().replaceAll("\\s+", " "); // unwrapped

  /** The help line of {@code option}: from its name to the next option. */
  private static String helpOf(String option) {
    int start = HELP.indexOf(" " + option + "=");
    int end = HELP.indexOf(" --", start + option.length() + 2);
    return HELP.substring(start, end < 0 ? HELP.length() : end);
  }

  private static void listsAll(String option, List<String> names) {
    String line = helpOf(option);
    String listed = String.join(", ", names);
    assertTrue(line.contains(listed), option + " should list " + listed + ": " + line);
  }

  @Test
  void helpNamesEveryRegisteredModelOptimizerAndDataSet() {
    listsAll("--model", ModelZoo.names());
    for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
      String base = OptimizerChoice.kindName(kind);
      assertTrue(helpOf("--optimizer").contains(base + ","), base);
      assertTrue(helpOf("--optimizer").contains(base + OptimizerChoice.LAWN_SUFFIX), base + "-lawn");
    }
    listsAll("--data", DataSets.NAMES);
    listsAll("--loss", LossSettings.names());
    listsAll("--groups", GroupSelector.NAMES);
    listsAll("--augmentation", Augmentation.names());
  }

  @Test
  void everyListedNameParses() {
    for (String name : OptimizerChoice.names()) {
      assertTrue(OptimizerChoice.parse(name).toString().equals(name), name);
    }
    for (String name : GroupSelector.NAMES) {
      GroupSelector.named(name); // throws for a name without a selector
    }
    for (String name : Augmentation.names()) {
      assertTrue(Augmentation.parse(name).optionName().equals(name), name);
    }
  }

  /** The README describes each model and optimizer in prose; it must not miss a registered one. */
  @Test
  void readmeNamesEveryRegisteredModelOptimizerAndDataSet() throws java.io.IOException {
    java.nio.file.Path readme = java.nio.file.Path.of("..", "README.md");
    if (!java.nio.file.Files.exists(readme)) {
      return; // tests run outside the checkout
    }
    String text = java.nio.file.Files.readString(readme);
    for (String name : ModelZoo.names()) {
      assertTrue(text.contains("`" + name + "`"), "README.md does not name model " + name);
    }
    for (String name : OptimizerChoice.baseNames()) {
      assertTrue(text.contains("`" + name + "`"), "README.md does not name optimizer " + name);
    }
    for (String name : DataSets.NAMES) {
      assertTrue(text.contains("`" + name), "README.md does not name data set " + name);
    }
  }
}
