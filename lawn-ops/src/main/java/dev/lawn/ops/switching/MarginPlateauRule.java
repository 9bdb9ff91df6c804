package dev.lawn.ops.switching;

import dev.lawn.ops.SwitchPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code auto}: the first automatic rule, kept as it was ({@link SwitchPolicy.Automatic}): switch when
 * the median margin reaches 5 or its growth over 2 epochs falls under 2 %. It waits for the margins'
 * growth to flatten, which is the moment the paper wants to be ahead of; see {@link MarginLevelRule}.
 */
public record MarginPlateauRule(SwitchPolicy.Automatic policy) implements SwitchRule {

  /** The rule's name on the command line. */
  public static final String NAME = "auto";

  public MarginPlateauRule {
    Objects.requireNonNull(policy, "policy");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> decide(List<EpochObservation> history) {
    return policy.decide(history.stream().mapToDouble(EpochObservation::marginMedian).toArray());
  }
}
