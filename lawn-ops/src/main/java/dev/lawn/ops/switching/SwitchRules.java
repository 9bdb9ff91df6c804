package dev.lawn.ops.switching;

import dev.lawn.ops.SwitchPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The automatic switch rules by name, as {@code --e-free} takes them. */
public final class SwitchRules {

  /** The rules' names, with their parameters' meaning, for help texts. */
  public static final List<String> NAMES = List.of(
      MarginLevelRule.NAME + "[:L]", LossKneeRule.NAME + "[:r]", MarginPlateauRule.NAME);

  private SwitchRules() {}

  /**
   * Parses {@code margin-level}, {@code margin-level:2.5}, {@code loss-knee}, {@code loss-knee:0.3}.
   *
   * @return the rule, or empty when {@code text} names none of them ({@code auto} is parsed by
   *     {@link SwitchPolicy#parse})
   * @throws IllegalArgumentException for a known name with a bad parameter
   */
  public static Optional<SwitchRule> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon);
    String arg = colon < 0 ? null : t.substring(colon + 1);
    return switch (name) {
      case MarginLevelRule.NAME -> Optional.of(new MarginLevelRule(
          arg == null ? MarginLevelRule.DEFAULT_LEVEL : number(name, arg)));
      case LossKneeRule.NAME -> Optional.of(new LossKneeRule(
          arg == null ? LossKneeRule.DEFAULT_RATIO : number(name, arg)));
      default -> Optional.empty();
    };
  }

  /** The rule a policy switches by: {@link SwitchPolicy.ByRule}'s, or {@code auto}'s; empty for fixed policies. */
  public static Optional<SwitchRule> of(SwitchPolicy policy) {
    if (policy instanceof SwitchPolicy.ByRule r) {
      return Optional.of(r.rule());
    }
    if (policy instanceof SwitchPolicy.Automatic a) {
      return Optional.of(new MarginPlateauRule(a));
    }
    return Optional.empty();
  }

  /** A parameter as it is written back into a rule's name: {@code 2} rather than {@code 2.0}. */
  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e9
        ? Long.toString((long) value) : Double.toString(value);
  }

  private static double number(String name, String arg) {
    try {
      return Double.parseDouble(arg);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a number after ':', got '" + arg + "'");
    }
  }
}
