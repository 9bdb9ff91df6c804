package dev.lawn.ops;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Declares which variables LAWN constrains and how they are grouped into weight vectors.
 *
 * <p>The default, {@link #perLayer()}, groups each layer's kernel, bias and embedding variables into
 * one vector: the paper normalizes layer-wise ({@code ||w_l|| = c_l}), and for a dense layer the
 * logits scale with kernel and bias together, so constraining them jointly is what bounds the
 * logits. Normalization-layer scales and offsets stay free by default: they are few, and the
 * batch-norm scale is what the paper's homogeneity argument leaves untouched.
 *
 * <p>By name ({@link #named}, {@code lawn train --groups}):
 *
 * <ul>
 *   <li>{@code per-layer} (the default): one group per layer of kernels, biases and embeddings;
 *   <li>{@code per-variable}: the same variables, one group per variable;
 *   <li>{@code classifier}: only the output layer (the layer of the last kernel), one group;
 *   <li>{@code all-but-bn}: every trained variable except normalization scales and offsets, per
 *       layer (for the zoo's models, whose variables all have a role, the same as {@code per-layer});
 *   <li>{@code with-bn-scales}: {@code all-but-bn} plus each normalization layer's scale (gamma) as
 *       its own group; offsets stay free;
 *   <li>{@code with-bn}: {@code all-but-bn} plus each normalization layer's scale and offset as one
 *       group.
 * </ul>
 *
 * <p>With batch normalization after a convolution, the convolution's output no longer depends on its
 * kernel's norm; the scale that reaches the logits is the norm's gamma. Which of these a run
 * constrains decides whether LAWN bounds the logits at all, which is what the selectors are for.
 */
public final class GroupSelector {

  /** How variables are gathered into groups. */
  public enum Granularity {
    /** One group per layer (all its selected variables concatenated). */
    PER_LAYER,
    /** One group per variable. */
    PER_VARIABLE
  }

  /** Roles constrained by default: weights, biases and embeddings. */
  public static final Set<VariableRole> DEFAULT_ROLES =
      Set.copyOf(EnumSet.of(VariableRole.KERNEL, VariableRole.BIAS, VariableRole.EMBEDDING));

  /** Every role but the normalization layers'. */
  public static final Set<VariableRole> ALL_BUT_NORM_ROLES = Set.copyOf(
      EnumSet.of(VariableRole.KERNEL, VariableRole.BIAS, VariableRole.EMBEDDING, VariableRole.OTHER));

  // The named selectors, in one place: NAMES and named() are derived from this map (insertion order).
  private static final Map<String, java.util.function.Supplier<GroupSelector>> NAMED = new LinkedHashMap<>();

  static {
    NAMED.put("per-layer", GroupSelector::perLayer);
    NAMED.put("per-variable", GroupSelector::perVariable);
    NAMED.put("classifier", GroupSelector::classifierOnly);
    NAMED.put("all-but-bn", () -> perLayer().roles(ALL_BUT_NORM_ROLES));
    NAMED.put("with-bn-scales", () -> perLayer().roles(with(ALL_BUT_NORM_ROLES, VariableRole.NORM_SCALE)));
    NAMED.put("with-bn", () -> perLayer().roles(with(ALL_BUT_NORM_ROLES, VariableRole.NORM_SCALE, VariableRole.NORM_OFFSET)));
  }

  /** The selectors' names, as {@link #named} takes them; the first is the default. */
  public static final List<String> NAMES = List.copyOf(NAMED.keySet());

  private final Granularity granularity;
  private final Set<VariableRole> roles;
  private final Predicate<TrainableVariable> filter;
  private final boolean outputLayerOnly;

  private GroupSelector(Granularity granularity, Set<VariableRole> roles, Predicate<TrainableVariable> filter,
      boolean outputLayerOnly) {
    this.granularity = Objects.requireNonNull(granularity, "granularity");
    this.roles = Set.copyOf(roles);
    this.filter = Objects.requireNonNull(filter, "filter");
    this.outputLayerOnly = outputLayerOnly;
  }

  /** The default: one group per layer over {@link #DEFAULT_ROLES}. */
  public static GroupSelector perLayer() {
    return new GroupSelector(Granularity.PER_LAYER, DEFAULT_ROLES, v -> true, false);
  }

  /** One group per variable over {@link #DEFAULT_ROLES}. */
  public static GroupSelector perVariable() {
    return new GroupSelector(Granularity.PER_VARIABLE, DEFAULT_ROLES, v -> true, false);
  }

  /** Only the output layer: the layer of the last {@link VariableRole#KERNEL}, its kernel and bias as one group. */
  public static GroupSelector classifierOnly() {
    return new GroupSelector(Granularity.PER_LAYER, DEFAULT_ROLES, v -> true, true);
  }

  /**
   * A selector by name: one of {@link #NAMES} (see the class comment).
   *
   * @throws IllegalArgumentException for another name, listing the known ones
   */
  public static GroupSelector named(String name) {
    java.util.function.Supplier<GroupSelector> selector = NAMED.get(String.valueOf(name));
    if (selector == null) {
      throw new IllegalArgumentException(
          "unknown LAWN group selector '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }
    return selector.get();
  }

  private static Set<VariableRole> with(Set<VariableRole> roles, VariableRole... more) {
    EnumSet<VariableRole> all = EnumSet.copyOf(roles);
    all.addAll(List.of(more));
    return all;
  }

  /** Same grouping, constraining only variables with one of these roles. */
  public GroupSelector roles(Set<VariableRole> newRoles) {
    if (newRoles.isEmpty()) {
      throw new IllegalArgumentException("roles: at least one role must be constrained");
    }
    return new GroupSelector(granularity, newRoles, filter, outputLayerOnly);
  }

  /** Same grouping, additionally requiring {@code predicate} (e.g. an exclusion list of layers). */
  public GroupSelector where(Predicate<TrainableVariable> predicate) {
    return new GroupSelector(granularity, roles, filter.and(predicate), outputLayerOnly);
  }

  /** Same grouping, leaving the named layers free. */
  public GroupSelector excludingLayers(Set<String> layers) {
    Set<String> excluded = Set.copyOf(layers);
    return where(v -> !excluded.contains(v.layer()));
  }

  /** Builds the groups, in the order the variables are given. */
  public List<ParameterGroup> select(List<TrainableVariable> variables) {
    String outputLayer = outputLayerOnly ? outputLayer(variables) : null;
    Map<String, List<TrainableVariable>> byKey = new LinkedHashMap<>();
    for (TrainableVariable v : variables) {
      if (!roles.contains(v.role()) || !filter.test(v) || (outputLayer != null && !v.layer().equals(outputLayer))) {
        continue;
      }
      String key = granularity == Granularity.PER_LAYER ? v.layer() : v.name();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }
    List<ParameterGroup> groups = new ArrayList<>(byKey.size());
    byKey.forEach((name, members) -> groups.add(new ParameterGroup(name, members)));
    return groups;
  }

  /** The layer of the last kernel: the output layer of a network built input to output. */
  private static String outputLayer(List<TrainableVariable> variables) {
    for (int i = variables.size() - 1; i >= 0; i--) {
      if (variables.get(i).role() == VariableRole.KERNEL) {
        return variables.get(i).layer();
      }
    }
    throw new IllegalArgumentException("classifier: no kernel among the variables, so no output layer to constrain");
  }

  @Override
  public String toString() {
    return "GroupSelector{" + granularity + ", roles=" + roles + (outputLayerOnly ? ", output layer only" : "") + "}";
  }
}
