package dev.lawn.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Moves scalars between the members of the parameter groups (one partial sum per variable) and the
 * groups themselves (one value per group), so that LAWN's per-group arithmetic runs as a few vector
 * ops instead of a dozen scalar ops per group: on small models the per-op cost of TensorFlow's
 * executor, not the arithmetic, is what a step pays for.
 */
final class GroupIndex {

  private final int members;
  private final int groups;
  private final boolean oneToOne;
  private final Operand<TInt32> groupOfMember;
  /** Shared constants: every {@code Const} is an op the executor dispatches on each step. */
  private final Operand<TInt32> groupCount;
  private final Operand<TInt32> axis0;

  /** @param groupOfMember the group of each member, members listed group by group */
  GroupIndex(Ops tf, int[] groupOfMember, int groups) {
    this.members = groupOfMember.length;
    this.groups = groups;
    this.oneToOne = members == groups;
    this.groupOfMember = tf.constant(groupOfMember);
    this.groupCount = tf.constant(groups);
    this.axis0 = tf.constant(0);
  }

  /** Sums the members' partials per group: a {@code [groups]} vector. */
  Operand<TFloat32> perGroup(Ops tf, List<Operand<TFloat32>> memberPartials) {
    Operand<TFloat32> stacked = tf.stack(memberPartials);
    return oneToOne ? stacked : tf.math.unsortedSegmentSum(stacked, groupOfMember, groupCount);
  }

  /** Each member's copy of its group's value, as scalars in member order. */
  List<Operand<TFloat32>> perMember(Ops tf, Operand<TFloat32> groupValues) {
    Operand<TFloat32> spread = oneToOne ? groupValues : tf.gather(groupValues, groupOfMember, axis0);
    return new ArrayList<>(tf.unstack(spread, (long) members).output());
  }

  /** The group values as scalars in group order. */
  List<Operand<TFloat32>> perGroupScalars(Ops tf, Operand<TFloat32> groupValues) {
    return new ArrayList<>(tf.unstack(groupValues, (long) groups).output());
  }
}
