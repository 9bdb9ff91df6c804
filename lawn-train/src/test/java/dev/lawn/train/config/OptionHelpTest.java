package dev.lawn.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataSets;
import dev.lawn.models.ModelZoo;
import dev.lawn.ops.GroupSelector;
import dev.lawn.train.TrainConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link OptionHelp}: one help entry per option of {@code TrainConfigJson}, its defaults and names filled in. */
class OptionHelpTest {

  @Test
  void everyOptionHasHelpAndEveryHelpEntryIsAnOption() {
    Set<String> helped = new LinkedHashSet<>();
    OptionHelp.all().forEach(entry -> helped.add(entry.key()));
    Set<String> withoutHelp = new LinkedHashSet<>(TrainOptions.keys());
    withoutHelp.removeAll(helped);
    assertEquals(Set.of(), withoutHelp, "TrainConfigJson options without an OptionHelp entry");
    Set<String> unknown = new LinkedHashSet<>(helped);
    unknown.removeAll(TrainOptions.keys());
    assertEquals(Set.of(), unknown, "OptionHelp entries of no TrainConfigJson option");
    assertEquals(TrainOptions.keys().size(), OptionHelp.all().size());
  }

  @Test
  void descriptionsShowTheDefaultsAndTheRegisteredNames() {
    for (OptionHelp.Entry entry : OptionHelp.all()) {
      assertFalse(entry.description().isBlank(), entry.key());
      assertFalse(entry.description().contains("{default}") || entry.description().contains("{names}"), entry.key());
      assertTrue(entry.names().isEmpty() || entry.description().contains(String.join(", ", entry.names())),
          entry.key() + " lists its names: " + entry.description());
      assertEquals(TrainOptions.keys().contains(entry.key()), entry.type() != null, entry.key());
    }
    TrainConfig defaults = TrainConfig.defaults();
    assertTrue(OptionHelp.of("batch_size").description().endsWith("(default " + defaults.optimizer().batchSize() + ")"));
    assertTrue(OptionHelp.of("e_free").description().contains("(default " + defaults.lawn().eFree() + "; epochs/4"));
    assertTrue(OptionHelp.of("warmup_epochs").description().contains("(default 2.0;"), "a double as Jackson writes it");
    assertEquals(ModelZoo.names(), OptionHelp.of("model").names());
    assertEquals(DataSets.NAMES, OptionHelp.of("data").names());
    assertEquals(OptimizerChoice.names(), OptionHelp.of("optimizer").names());
    assertEquals(LossSettings.names(), OptionHelp.of("loss").names());
    assertEquals(GroupSelector.NAMES, OptionHelp.of("groups").names());
    assertEquals(Augmentation.names(), OptionHelp.of("augmentation").names());
    assertEquals(List.of(), OptionHelp.of("lr").names());
  }

  @Test
  void usageShowsTheFlagItsLabelAndWhetherItIsASwitch() {
    assertEquals("--batch-size=<batchSize>", OptionHelp.of("batch_size").usage());
    assertEquals(Integer.class, OptionHelp.of("batch_size").type());
    assertEquals("--data-dir=DIR", OptionHelp.of("data_dir").usage());
    assertEquals("--validation[=<validation>]", OptionHelp.of("validation").usage());
    assertTrue(OptionHelp.of("worker_input").isSwitch());
    assertFalse(OptionHelp.of("lr").isSwitch());
    assertThrows(IllegalArgumentException.class, () -> OptionHelp.of("learning_rate"));
  }
}
