package dev.lawn.tools.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lawn.train.config.OptionHelp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code lawn train}'s training options come from {@link OptionHelp}, typed, in its order. */
class TrainOptionSpecsTest {

  @Test
  void everyHelpEntryIsATypedFlagInHelpOrder() {
    CommandLine train = new CommandLine(new TrainCommand());
    List<String> expected = new ArrayList<>(List.of("--config", "--out"));
    for (OptionHelp.Entry help : OptionHelp.all()) {
      OptionSpec option = train.getCommandSpec().findOption(help.flag());
      assertNotNull(option, help.flag());
      assertEquals(help.type(), option.type(), help.flag());
      assertEquals(help.isSwitch() ? "0..1" : "1", option.arity().toString(), help.flag());
      expected.add(help.flag());
    }
    expected.addAll(List.of("--kernels", "--trusted-network", "--help", "--version")); // not config keys
    assertEquals(expected, train.getCommandSpec().options().stream().map(OptionSpec::longestName).toList());
  }

  @Test
  void givenHoldsOnlyTheOptionsOnTheCommandLineTyped() {
    CommandLine train = new CommandLine(new TrainCommand());
    train.parseArgs("--out", "unused", "--validation", "--batch-size", "32", "--worker-input=false", "--lr", "1e-3");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("lr", 0.001);
    expected.put("batch_size", 32);
    expected.put("validation", true);
    expected.put("worker_input", false);
    assertEquals(expected, TrainOptionSpecs.given(train.getParseResult()));
  }
}
