package dev.lawn.ops.switching;

import java.util.List;
import java.util.Optional;

/**
 * An automatic choice of {@code E_free}: decides at the end of an epoch whether LAWN switches to
 * constrained training now. A rule is a pure function of the history of per-epoch observations, so
 * a run resumed with the same history makes the same decision, and a rule can be tested on
 * synthetic histories.
 *
 * <p>Rules do not check the warm-up or whether the switch already happened: {@link SwitchGate} does,
 * the same way for every rule.
 */
public interface SwitchRule {

  /** The rule as named on the command line, with its parameter ({@code margin-level:2}). */
  String name();

  /**
   * Decides at the end of the last epoch of {@code history}.
   *
   * @param history one observation per completed epoch, oldest first, never empty; the last is the
   *     epoch that just ended
   * @return why to switch now, or empty to keep training freely
   */
  Optional<String> decide(List<EpochObservation> history);
}
