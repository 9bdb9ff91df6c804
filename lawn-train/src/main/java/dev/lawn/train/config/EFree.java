package dev.lawn.train.config;

import dev.lawn.ops.SwitchPolicy;
import java.util.Objects;

/**
 * {@code --e-free} parsed once: the {@link SwitchPolicy} it means, with the text it was written as.
 * The text is kept because run folders compare it: {@code hoffer} and {@code steps:0} are the same
 * policy but different settings in {@code config.json}.
 */
public final class EFree {

  private final String text;
  private final SwitchPolicy policy;

  private EFree(String text, SwitchPolicy policy) {
    this.text = text;
    this.policy = policy;
  }

  /**
   * Parses an epoch count, {@code steps:N}, {@code hoffer}, {@code auto}, {@code never} or a rule
   * ({@code margin-level[:L]}, {@code loss-knee[:r]}).
   *
   * @throws IllegalArgumentException naming {@code --e-free}
   */
  public static EFree parse(String text) {
    String t = Check.named("--e-free", text);
    try {
      return new EFree(t, SwitchPolicy.parse(t));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--e-free: " + e.getMessage());
    }
  }

  /** After {@code epochs} free epochs. */
  public static EFree epochs(int epochs) {
    return parse(Integer.toString(epochs));
  }

  /** The text as given (trimmed); what {@code config.json} holds. */
  public String text() {
    return text;
  }

  /** When LAWN switches. */
  public SwitchPolicy policy() {
    return policy;
  }

  /** The number of free epochs of a fixed epoch count, or -1 for any other policy. */
  public int epochCount() {
    return policy instanceof SwitchPolicy.AtEpoch at ? at.epoch() : -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EFree other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
