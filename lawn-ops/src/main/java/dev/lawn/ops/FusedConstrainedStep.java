package dev.lawn.ops;

import dev.lawn.ops.kernels.FusedSphereOps;
import dev.lawn.ops.optim.LinearMove;
import dev.lawn.ops.optim.StepTransform;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@link Lawn}'s constrained step in two native kernels per group ({@link FusedSphereOps}): one for
 * Algorithm 1's line 4, one that projects the step, takes it and rescales in place (lines 9-11).
 * The arithmetic is {@link TangentProjection}'s; groups do not wait for each other, and no
 * per-group scalar ops run between the kernels. Build it once per step build: it keeps the
 * per-step values that {@link #gradients} hands to {@link #write}.
 */
final class FusedConstrainedStep implements StepTransform {

  private final Ops tf;
  private final GroupMembers members;
  private final Operand<TFloat32> activeFlags;
  private final Operand<TFloat32> targetNorms;
  private final List<Operand<TFloat32>> squaredNorms = new ArrayList<>();
  private Operand<TFloat32> active;
  private List<Operand<TFloat32>> projectedGradients = List.of();

  FusedConstrainedStep(Ops tf, GroupMembers members, Operand<TFloat32> activeFlags, Operand<TFloat32> targetNorms) {
    this.tf = tf;
    this.members = members;
    this.activeFlags = activeFlags;
    this.targetNorms = targetNorms;
  }

  /** The gradients as handed to the base optimizer, one per base variable. */
  List<Operand<TFloat32>> projectedGradients() {
    return projectedGradients;
  }

  /** Line 4, one {@code LawnTangentGradients} per group. */
  @Override
  public List<Operand<TFloat32>> gradients(List<Operand<TFloat32>> before, List<Operand<TFloat32>> gradients) {
    active = tf.identity(activeFlags); // one read of the flags for both kernels
    List<Operand<TFloat32>> projected = new ArrayList<>(gradients);
    for (int g = 0; g < members.groupCount(); g++) {
      int[] vars = members.variablesOf(g);
      FusedSphereOps.TangentGradients out = FusedSphereOps.tangentGradients(
          tf, g, members.ofGroup(before, g), members.ofGroup(gradients, g), active);
      for (int k = 0; k < vars.length; k++) {
        projected.set(vars[k], out.projected().get(k));
      }
      squaredNorms.add(out.squaredNorm());
    }
    projectedGradients = projected;
    return projected;
  }

  @Override
  public List<LinearMove> apply(List<Operand<TFloat32>> before, List<Operand<TFloat32>> directions, Operand<TFloat32> rate) {
    throw new UnsupportedOperationException("the fused kernels write in place; use write(), or graph-op kernels");
  }

  /** Lines 9-11, one {@code LawnSphereStep} per group; variables outside every group take the plain step. */
  @Override
  public List<Op> write(Ops ops, List<Variable<TFloat32>> variables, List<Operand<TFloat32>> before,
      List<Operand<TFloat32>> directions, Operand<TFloat32> rate) {
    Operand<TFloat32> c = tf.identity(targetNorms);
    List<Op> writes = new ArrayList<>();
    boolean[] inGroup = new boolean[variables.size()];
    for (int g = 0; g < members.groupCount(); g++) {
      for (int v : members.variablesOf(g)) {
        inGroup[v] = true;
      }
      writes.add(FusedSphereOps.sphereStep(ops, g, members.ofGroup(variables, g), members.ofGroup(directions, g),
          squaredNorms.get(g), rate, c, active));
    }
    for (int v = 0; v < variables.size(); v++) {
      if (!inGroup[v]) {
        writes.add(ops.train.applyGradientDescent(variables.get(v), rate, directions.get(v)));
      }
    }
    return writes;
  }
}
