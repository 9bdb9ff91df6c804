package dev.lawn.ops;

import java.util.List;
import java.util.Objects;

/**
 * The variables LAWN treats as one weight vector {@code w_l}: its norm is captured at the switch and
 * held fixed afterwards. By default a layer's kernel and bias form one group, the literal reading of
 * the paper's layer-wise normalization.
 *
 * @param name a readable name (the layer's, or the variable's for per-variable groups)
 * @param members the variables concatenated into {@code w_l}; never empty
 */
public record ParameterGroup(String name, List<TrainableVariable> members) {

  public ParameterGroup {
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("parameter group '" + name + "' has no variables");
    }
  }

  /** Number of scalar parameters in the group. */
  public long size() {
    return members.stream().mapToLong(TrainableVariable::size).sum();
  }
}
