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

  private final Granularity granularity;
  private final Set<VariableRole> roles;
  private final Predicate<TrainableVariable> filter;

  private GroupSelector(Granularity granularity, Set<VariableRole> roles, Predicate<TrainableVariable> filter) {
    this.granularity = Objects.requireNonNull(granularity, "granularity");
    this.roles = Set.copyOf(roles);
    this.filter = Objects.requireNonNull(filter, "filter");
  }

  /** The default: one group per layer over {@link #DEFAULT_ROLES}. */
  public static GroupSelector perLayer() {
    return new GroupSelector(Granularity.PER_LAYER, DEFAULT_ROLES, v -> true);
  }

  /** One group per variable over {@link #DEFAULT_ROLES}. */
  public static GroupSelector perVariable() {
    return new GroupSelector(Granularity.PER_VARIABLE, DEFAULT_ROLES, v -> true);
  }

  /** Same grouping, constraining only variables with one of these roles. */
  public GroupSelector roles(Set<VariableRole> newRoles) {
    if (newRoles.isEmpty()) {
      throw new IllegalArgumentException("roles: at least one role must be constrained");
    }
    return new GroupSelector(granularity, newRoles, filter);
  }

  /** Same grouping, additionally requiring {@code predicate} (e.g. an exclusion list of layers). */
  public GroupSelector where(Predicate<TrainableVariable> predicate) {
    return new GroupSelector(granularity, roles, filter.and(predicate));
  }

  /** Same grouping, leaving the named layers free. */
  public GroupSelector excludingLayers(Set<String> layers) {
    Set<String> excluded = Set.copyOf(layers);
    return where(v -> !excluded.contains(v.layer()));
  }

  /** Builds the groups, in the order the variables are given. */
  public List<ParameterGroup> select(List<TrainableVariable> variables) {
    Map<String, List<TrainableVariable>> byKey = new LinkedHashMap<>();
    for (TrainableVariable v : variables) {
      if (!roles.contains(v.role()) || !filter.test(v)) {
        continue;
      }
      String key = granularity == Granularity.PER_LAYER ? v.layer() : v.name();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }
    List<ParameterGroup> groups = new ArrayList<>(byKey.size());
    byKey.forEach((name, members) -> groups.add(new ParameterGroup(name, members)));
    return groups;
  }

  @Override
  public String toString() {
    return "GroupSelector{" + granularity + ", roles=" + roles + "}";
  }
}
