package dev.lawn.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * LAWN's bookkeeping between the base optimizer's variables (in {@code BaseOptimizer.variables()}
 * order, which is the order of its gradients and steps) and the groups' <em>members</em>: the
 * grouped variables, listed group by group. Variables outside every group are not members.
 */
final class GroupMembers {

  private final List<TrainableVariable> variables;
  private final List<ParameterGroup> groups;
  /** Base-variable index of each member. */
  private final int[] memberVariable;
  /** Group of each member. */
  private final int[] groupOfMember;

  /**
   * @throws IllegalArgumentException when a group holds a variable the base optimizer does not
   *     train, or a variable is in two groups
   */
  GroupMembers(List<TrainableVariable> variables, List<ParameterGroup> groups) {
    this.variables = List.copyOf(variables);
    this.groups = List.copyOf(groups);
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < variables.size(); i++) {
      position.put(variables.get(i).name(), i);
    }
    Map<String, String> owner = new HashMap<>();
    List<Integer> memberVars = new ArrayList<>();
    List<Integer> memberGroups = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      for (TrainableVariable v : groups.get(g).members()) {
        Integer at = position.get(v.name());
        if (at == null) {
          throw new IllegalArgumentException("group '" + groups.get(g).name() + "' holds '" + v.name()
              + "', which the base optimizer does not train");
        }
        String previous = owner.put(v.name(), groups.get(g).name());
        if (previous != null) {
          throw new IllegalArgumentException("variable '" + v.name() + "' is in two groups: '" + previous
              + "' and '" + groups.get(g).name() + "'");
        }
        memberVars.add(at);
        memberGroups.add(g);
      }
    }
    this.memberVariable = memberVars.stream().mapToInt(Integer::intValue).toArray();
    this.groupOfMember = memberGroups.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The group of each member. */
  int[] groupOfMember() {
    return groupOfMember.clone();
  }

  int groupCount() {
    return groups.size();
  }

  /** The most members any group has. */
  int largestGroup() {
    return groups.stream().mapToInt(g -> g.members().size()).max().orElse(0);
  }

  /** The members' entries, in member order, of a per-variable list. */
  <T> List<T> of(List<T> perVariable) {
    return pick(perVariable, memberVariable);
  }

  /** Group {@code g}'s entries, in member order, of a per-variable list. */
  <T> List<T> ofGroup(List<T> perVariable, int g) {
    return pick(perVariable, variablesOf(g));
  }

  /** A copy of the per-variable list {@code perVariable} with the members' entries replaced by {@code perMember}. */
  <T> List<T> replace(List<T> perVariable, List<? extends T> perMember) {
    List<T> out = new ArrayList<>(perVariable);
    for (int m = 0; m < memberVariable.length; m++) {
      out.set(memberVariable[m], perMember.get(m));
    }
    return out;
  }

  /** Base-variable indices of group {@code g}'s members. */
  int[] variablesOf(int g) {
    int first = 0;
    for (int k = 0; k < g; k++) {
      first += groups.get(k).members().size();
    }
    return Arrays.copyOfRange(memberVariable, first, first + groups.get(g).members().size());
  }

  /** The members' graph variables, in member order. */
  List<Variable<TFloat32>> variables() {
    List<Variable<TFloat32>> out = new ArrayList<>(memberVariable.length);
    for (int v : memberVariable) {
      out.add(variables.get(v).variable());
    }
    return out;
  }

  private static <T> List<T> pick(List<T> perVariable, int[] indices) {
    List<T> out = new ArrayList<>(indices.length);
    for (int v : indices) {
      out.add(perVariable.get(v));
    }
    return out;
  }
}
