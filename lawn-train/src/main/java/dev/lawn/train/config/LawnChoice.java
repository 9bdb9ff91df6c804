package dev.lawn.train.config;

import dev.lawn.ops.GroupSelector;
import java.util.List;
import java.util.Objects;

/**
 * LAWN's settings of a run, kept also for a plain optimizer (where they are inert: its
 * {@code config.json} records them as given).
 *
 * @param eFree when the free phase ends ({@code --e-free})
 * @param alpha logit attenuation at the switch (1 = none), applied to {@code attenuate}
 * @param attenuate the group scaled by alpha; {@code auto} = the output layer
 * @param groups which variables LAWN constrains: a name of {@link GroupSelector#NAMES}
 */
public record LawnChoice(EFree eFree, double alpha, String attenuate, String groups) {

  /**
   * The {@code config.json} keys of these settings: what only a {@code -lawn} optimizer reads, so that a
   * report can show them as inert for the others.
   */
  public static final List<String> CONFIG_KEYS = List.of("e_free", "alpha", "attenuate", "groups");

  /** The default {@code --attenuate}: the output layer. */
  public static final String AUTO_ATTENUATE = "auto";

  public LawnChoice {
    Objects.requireNonNull(eFree, "--e-free");
    Check.positive("--alpha", alpha);
    attenuate = Check.named("--attenuate", attenuate);
    groups = Check.named("--groups", groups);
    Check.require(GroupSelector.NAMES.contains(groups),
        "--groups must be one of " + String.join(", ", GroupSelector.NAMES) + ", got '" + groups + "'");
  }

  /** Five free epochs, no attenuation, per-layer groups. */
  public static LawnChoice defaults() {
    return new LawnChoice(EFree.epochs(5), 1, AUTO_ATTENUATE, GroupSelector.NAMES.get(0));
  }

  /** The group selector {@link #groups} names. */
  public GroupSelector selector() {
    return GroupSelector.named(groups);
  }
}
