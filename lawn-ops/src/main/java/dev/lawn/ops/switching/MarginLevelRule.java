package dev.lawn.ops.switching;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code margin-level[:L]}: switch at the end of the first epoch whose median training margin
 * reaches {@code L} (default {@value #DEFAULT_LEVEL}).
 *
 * <p>The paper's proposal (§3): "switch to constrained training when their median value starts
 * reaching high values indicating the onset of loss flattening". What makes a margin high is the
 * loss's own shape, not the data set: with the logistic loss an example of margin {@code m} gets the
 * gradient weight {@code sigmoid(-m)} on its logit, 0.5 at {@code m = 0} and 0.119 at {@code m = 2}.
 * At the default level the median example's gradient has fallen to a quarter of its starting value,
 * and it falls about e-fold per further unit of margin: flattening has begun but has not yet taken
 * over. (The softmax margin {@code z_y - max z_j} bounds the true class's gradient weight the same
 * way.) The old {@code auto} waits for a margin of 5, where the weight is 0.007: too late by the
 * paper's own account, which is why it switched at epoch 32 where {@code E_free = 5} was better.
 */
public record MarginLevelRule(double level) implements SwitchRule {

  /** The default level: the median example's gradient weight down to 0.119 (a quarter of 0.5). */
  public static final double DEFAULT_LEVEL = 2.0;
  /** The rule's name on the command line. */
  public static final String NAME = "margin-level";

  public MarginLevelRule {
    if (!(level > 0) || Double.isInfinite(level)) {
      throw new IllegalArgumentException(NAME + ": the level must be a finite margin > 0, got " + level);
    }
  }

  @Override
  public String name() {
    return NAME + ":" + SwitchRules.format(level);
  }

  @Override
  public Optional<String> decide(List<EpochObservation> history) {
    EpochObservation last = history.get(history.size() - 1);
    if (last.marginMedian() >= level) {
      return Optional.of(String.format(Locale.ROOT,
          "median training margin %.4g reached %.4g after epoch %d (the median example's gradient weight "
              + "sigmoid(-m) is %.3g)",
          last.marginMedian(), level, last.epoch(), 1 / (1 + Math.exp(last.marginMedian()))));
    }
    return Optional.empty();
  }
}
