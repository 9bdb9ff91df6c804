package dev.lawn.ops.switching;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Asks a {@link SwitchRule} only when it may switch: after the learning-rate warm-up has ended and
 * before any switch. Before the warm-up ends the margins and the loss move with the rising learning
 * rate, not with the fit, so no rule reads them then.
 */
public final class SwitchGate {

  private final SwitchRule rule;
  private final int firstEpoch;

  /**
   * @param rule the rule asked
   * @param warmupEpochs the schedule's warm-up length in epochs; the first epoch that may switch is
   *     the one at which it ends (rounded up), and at least the first
   */
  public SwitchGate(SwitchRule rule, double warmupEpochs) {
    this.rule = Objects.requireNonNull(rule, "rule");
    if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) {
      throw new IllegalArgumentException("warm-up epochs must be finite and >= 0, got " + warmupEpochs);
    }
    this.firstEpoch = Math.max(1, (int) Math.ceil(warmupEpochs - 1e-9));
  }

  /** The rule asked. */
  public SwitchRule rule() {
    return rule;
  }

  /** The first epoch (completed count) at whose end the rule is asked. */
  public int firstEpoch() {
    return firstEpoch;
  }

  /**
   * Decides at the end of the last epoch of {@code history}.
   *
   * @param history one observation per completed epoch, oldest first
   * @param switched whether the run has already switched (then never again)
   * @return the reason, prefixed with the rule's name, or empty
   */
  public Optional<String> decide(List<EpochObservation> history, boolean switched) {
    if (switched || history.isEmpty() || history.get(history.size() - 1).epoch() < firstEpoch) {
      return Optional.empty();
    }
    return rule.decide(List.copyOf(history)).map(why -> rule.name() + ": " + why);
  }

  /**
   * The epoch at which a run with this history would have switched: the rule asked at the end of
   * every epoch in turn, as the trainer does. Empty if it never fires.
   */
  public OptionalInt replay(List<EpochObservation> history) {
    for (int n = 1; n <= history.size(); n++) {
      if (decide(history.subList(0, n), false).isPresent()) {
        return OptionalInt.of(history.get(n - 1).epoch());
      }
    }
    return OptionalInt.empty();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s from epoch %d", rule.name(), firstEpoch);
  }
}
