package dev.lawn.ops.kernels;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Graph builders for the native library's two kernels, each covering one parameter group (source:
 * {@code lawn-ops/src/main/c/lawn_kernels.c}). Together they are Algorithm 1's constrained step for
 * that group, the same arithmetic as {@code dev.lawn.ops.Lawn}'s graph ops in two ops instead of
 * about a dozen per member plus the per-group scalar chain: no temporaries, no waiting on other
 * groups' reductions. CPU only; {@link KernelChoice#AUTO} picks them where they load. Each builder
 * loads the library first ({@link FusedKernelLibrary#load()}), and fails naming the reason when it
 * cannot.
 *
 * <p>Both kernels check every input's shape when the graph is built (as far as shapes are known)
 * and again when they run: weights and their gradients or steps alike, {@code squaredNorm} and
 * {@code rate} scalars, {@code active} and {@code target} vectors with an entry for {@code group}.
 */
public final class FusedSphereOps {

  /** The kernels' limit on a group's variables. */
  public static final int MAX_MEMBERS = 32;

  private FusedSphereOps() {}

  /** {@link #tangentGradients}' outputs: the projected gradients and {@code <w,w>} of the group. */
  public record TangentGradients(List<Operand<TFloat32>> projected, Operand<TFloat32> squaredNorm) {}

  /**
   * Line 4 for one group: {@code g_i - (<w,g>/<w,w>) w_i} for each member, or {@code g_i} when the
   * group's {@code active} entry is 0.
   *
   * @param group the group's index into {@code active}
   * @param w the members' values before the step
   * @param g the members' gradients
   * @param active 1 per constrained group, 0 per free one ({@code [groups]})
   * @throws IllegalStateException when the native library cannot be loaded, with the reason
   */
  public static TangentGradients tangentGradients(
      Ops tf, int group, List<Operand<TFloat32>> w, List<Operand<TFloat32>> g, Operand<TFloat32> active) {
    checkMembers(w.size(), g.size(), "gradients");
    FusedKernelLibrary.require();
    Operation op = tf.scope().opBuilder("LawnTangentGradients", "LawnTangentGradients")
        .addInputList(outputs(w)).addInputList(outputs(g)).addInput(active.asOutput())
        .setAttr("N", w.size()).setAttr("group", group)
        .build();
    List<Operand<TFloat32>> projected = new ArrayList<>(w.size());
    for (int i = 0; i < w.size(); i++) {
      projected.add(op.output(i));
    }
    return new TangentGradients(projected, op.output(w.size()));
  }

  /**
   * Lines 9-11 for one group, in place: {@code w_i <- f (1-k) w_i - f rate d_i}, the step
   * {@code -rate d} projected onto the tangent space and the group rescaled to its target norm.
   * Must run after every other reader of the variables' pre-step values (they feed {@code d} or
   * {@code squaredNorm}).
   *
   * @param squaredNorm {@link TangentGradients#squaredNorm()} of the same step
   * @param target the per-group target norms {@code c} ({@code [groups]})
   * @throws IllegalStateException when the native library cannot be loaded, with the reason
   */
  public static Op sphereStep(Ops tf, int group, List<Variable<TFloat32>> variables, List<Operand<TFloat32>> d,
      Operand<TFloat32> squaredNorm, Operand<TFloat32> rate, Operand<TFloat32> target, Operand<TFloat32> active) {
    checkMembers(variables.size(), d.size(), "steps");
    FusedKernelLibrary.require();
    Operation op = tf.scope().opBuilder("LawnSphereStep", "LawnSphereStep")
        .addInputList(outputs(variables)).addInputList(outputs(d))
        .addInput(squaredNorm.asOutput()).addInput(rate.asOutput())
        .addInput(target.asOutput()).addInput(active.asOutput())
        .setAttr("N", variables.size()).setAttr("group", group)
        .build();
    return new RawOp(op);
  }

  /** The op definitions' limits, named in Java before TensorFlow reports them less readably. */
  private static void checkMembers(int members, int paired, String what) {
    if (members < 1 || members > MAX_MEMBERS) {
      throw new IllegalArgumentException("a group has 1 to " + MAX_MEMBERS + " variables, got " + members);
    }
    if (paired != members) {
      throw new IllegalArgumentException("got " + paired + " " + what + " for " + members + " variables");
    }
  }

  private static Output<?>[] outputs(List<? extends Operand<TFloat32>> operands) {
    return operands.stream().map(Operand::asOutput).toArray(Output<?>[]::new);
  }

  /** An {@link Op} view of an operation without outputs. */
  private record RawOp(Operation op) implements Op {}
}
