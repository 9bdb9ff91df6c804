package dev.lawn.tools.train;

import dev.lawn.train.config.OptimizerChoice;
import java.util.Iterator;

/**
 * Option values read from the registries that parse them, for picocli's {@code completionCandidates}
 * and {@code ${COMPLETION-CANDIDATES}} in help texts outside {@code lawn train} (whose options take their
 * names from lawn-train's {@link dev.lawn.train.config.OptionHelp}): an optimizer kind added to the
 * registry shows in {@code --help} without another list to keep.
 */
public final class OptionNames {

  private OptionNames() {}

  /** {@code lawn bench optimizers --kinds}: the base optimizer kinds. */
  public static final class BaseOptimizers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return OptimizerChoice.baseNames().iterator();
    }
  }
}
