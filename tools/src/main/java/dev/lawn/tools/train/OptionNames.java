package dev.lawn.tools.train;

import dev.lawn.data.DataSets;
import dev.lawn.models.ModelZoo;
import dev.lawn.ops.GroupSelector;
import dev.lawn.train.config.Augmentation;
import dev.lawn.train.config.LossSettings;
import dev.lawn.train.config.OptimizerChoice;
import java.util.Iterator;
import java.util.List;

/**
 * The values {@code lawn train}'s options take, read from the registries that parse them, for picocli's
 * {@code ${COMPLETION-CANDIDATES}} in the help text: a model added to {@link ModelZoo} (or an optimizer
 * kind, a data set, a group selector) shows in {@code --help} without another list to keep.
 */
public final class OptionNames {

  private OptionNames() {}

  /** {@code --model}: every {@link ModelZoo} name. */
  public static final class Models implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ModelZoo.names().iterator();
    }
  }

  /** {@code --data}: every {@link DataSets} name; {@code ncf:NAME} picks one of several NCF file sets. */
  public static final class Data implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return DataSets.NAMES.iterator();
    }
  }

  /** {@code --optimizer}: every base optimizer kind, alone and with {@code -lawn}. */
  public static final class Optimizers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return OptimizerChoice.names().iterator();
    }
  }

  /** {@code lawn bench optimizers --kinds}: the base optimizer kinds. */
  public static final class BaseOptimizers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return OptimizerChoice.baseNames().iterator();
    }
  }

  /** {@code --loss}. */
  public static final class Losses implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return LossSettings.names().iterator();
    }
  }

  /** {@code --groups}: every named {@link GroupSelector}. */
  public static final class Groups implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return GroupSelector.NAMES.iterator();
    }
  }

  /** {@code --augmentation}. */
  public static final class Augmentations implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = Augmentation.names();
      return names.iterator();
    }
  }
}
