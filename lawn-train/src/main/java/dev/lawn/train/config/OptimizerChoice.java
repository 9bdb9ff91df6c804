package dev.lawn.train.config;

import dev.lawn.ops.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A base optimizer, alone or under LAWN: {@code --optimizer adam}, {@code --optimizer adam-lawn}.
 * The names come from {@link OptimizerSpec.Kind}: a new kind is a new option value without another list.
 *
 * @param kind the base optimizer
 * @param lawn whether LAWN constrains it after the free phase
 */
public record OptimizerChoice(OptimizerSpec.Kind kind, boolean lawn) {

  /** The suffix that puts a base optimizer under LAWN. */
  public static final String LAWN_SUFFIX = "-lawn";

  public OptimizerChoice {
    Objects.requireNonNull(kind, "--optimizer kind");
  }

  /**
   * Parses {@code sgd}, {@code adam-lawn}, ... (case-insensitive).
   *
   * @throws IllegalArgumentException naming {@code --optimizer} and every known name
   */
  public static OptimizerChoice parse(String text) {
    String name = Check.named("--optimizer", text).toLowerCase(Locale.ROOT);
    boolean lawn = name.endsWith(LAWN_SUFFIX);
    String base = lawn ? name.substring(0, name.length() - LAWN_SUFFIX.length()) : name;
    for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
      if (kindName(kind).equals(base)) {
        return new OptimizerChoice(kind, lawn);
      }
    }
    throw new IllegalArgumentException("--optimizer: unknown optimizer '" + text + "' (known: "
        + String.join(", ", baseNames()) + ", each also with " + LAWN_SUFFIX + ")");
  }

  /** The base optimizers' names ({@code sgd, adam, adamw, lamb}). */
  public static List<String> baseNames() {
    List<String> out = new ArrayList<>();
    for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
      out.add(kindName(kind));
    }
    return out;
  }

  /** Every name {@link #parse} takes: each base optimizer, then each with {@link #LAWN_SUFFIX}. */
  public static List<String> names() {
    List<String> out = new ArrayList<>(baseNames());
    baseNames().forEach(n -> out.add(n + LAWN_SUFFIX));
    return out;
  }

  /** The base optimizer's name, as {@code --optimizer} spells it. */
  public static String kindName(OptimizerSpec.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** The option's spelling: {@code adam}, {@code adam-lawn}. */
  @Override
  public String toString() {
    return kindName(kind) + (lawn ? LAWN_SUFFIX : "");
  }
}
