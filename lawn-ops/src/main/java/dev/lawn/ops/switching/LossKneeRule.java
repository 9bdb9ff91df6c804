package dev.lawn.ops.switching;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code loss-knee[:r]}: switch at the end of the first epoch whose relative fall of the training
 * loss, {@code (L_{k-1} - L_k) / L_{k-1}}, is below {@code r} (default {@value #DEFAULT_RATIO}) times
 * the largest such fall seen so far.
 *
 * <p>The onset of loss flattening read off the training loss curve: while the network is still
 * learning to separate the data the loss falls by a sizeable fraction every epoch; once most examples
 * are fit, what is left of the loss can only fall by growing the logits, and it falls slowly. The
 * knee of the curve is the point the paper wants the constraint to start at, "before loss flattening
 * sets in". Relative falls make the rule independent of the loss's scale (BCE, softmax, focal).
 */
public record LossKneeRule(double ratio) implements SwitchRule {

  /** The default ratio: the loss falls at a quarter of its fastest relative rate, or slower. */
  public static final double DEFAULT_RATIO = 0.25;
  /** The rule's name on the command line. */
  public static final String NAME = "loss-knee";

  public LossKneeRule {
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException(NAME + ": the ratio must be in (0, 1), got " + ratio);
    }
  }

  @Override
  public String name() {
    return NAME + ":" + SwitchRules.format(ratio);
  }

  @Override
  public Optional<String> decide(List<EpochObservation> history) {
    int n = history.size();
    if (n < 2) {
      return Optional.empty(); // no fall measured yet
    }
    double peak = 0;
    for (int k = 1; k < n - 1; k++) {
      peak = Math.max(peak, fall(history, k));
    }
    double latest = fall(history, n - 1);
    if (peak > 0 && latest < ratio * peak) {
      return Optional.of(String.format(Locale.ROOT,
          "the training loss fell %.3g%% in epoch %d, under %.3g of its fastest fall (%.3g%%)",
          100 * latest, history.get(n - 1).epoch(), ratio, 100 * peak));
    }
    return Optional.empty();
  }

  /** The relative fall of the loss from observation {@code k - 1} to {@code k} (negative if it rose). */
  private static double fall(List<EpochObservation> history, int k) {
    double before = history.get(k - 1).loss();
    return before > 0 ? (before - history.get(k).loss()) / before : 0;
  }
}
