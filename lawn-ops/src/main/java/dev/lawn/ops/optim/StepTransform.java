package dev.lawn.ops.optim;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Changes how a base optimizer moves its variables, without knowing its algorithm: it may replace
 * the gradients the optimizer updates its state from ({@link #gradients}), and it replaces the
 * step {@code w_t = w_{t-1} - rate * d} by a {@link LinearMove} of its own ({@link #apply}).
 * LAWN's transform projects both onto the tangent space and lands on the sphere {@code ||w|| = c} in
 * the same move. {@link #IDENTITY} keeps the base optimizer's own step.
 *
 * <p>An optimizer calls {@link #gradients} first and then either {@link #apply} (and writes the
 * moves itself) or {@link #write} (the transform writes the step; see
 * {@link BaseOptimizer#transformWrites()}), with the same {@code before} reads, so a transform may
 * share per-step values between the two calls. LAWN's fused kernels need {@link #write}.
 */
@FunctionalInterface
public interface StepTransform {

  /** Leaves the step as the base optimizer made it (the optimizer then uses its own update op). */
  StepTransform IDENTITY = (before, directions, rate) -> {
    throw new UnsupportedOperationException("IDENTITY is handled by the optimizer itself");
  };

  /**
   * The gradients the optimizer updates its state from; by default the ones it was given.
   *
   * @param before parameter values before the step, one per variable
   * @param gradients the loss gradients, one per variable
   */
  default List<Operand<TFloat32>> gradients(List<Operand<TFloat32>> before, List<Operand<TFloat32>> gradients) {
    return gradients;
  }

  /**
   * The moves that replace the optimizer's own step {@code before - rate * d}. The rate is handed
   * over separately because on small tensors every extra graph op costs more than its arithmetic,
   * and a transform can fold the rate into its per-group scalars.
   *
   * @param before parameter values before the step, one per variable
   * @param directions the step directions {@code d}, one per variable
   * @param rate scalar multiplier of every direction (the learning rate, or -1 for an optimizer
   *     that hands over its finished step {@code d = w_t - w_{t-1}})
   * @return one move per variable
   */
  List<LinearMove> apply(List<Operand<TFloat32>> before, List<Operand<TFloat32>> directions, Operand<TFloat32> rate);

  /**
   * Writes the step in place: by default the {@link #apply} moves, each as two fused
   * {@code ApplyGradientDescent} kernels ({@code w -= decay * w}, then {@code w -= rate * d}) and no
   * new weight tensor. {@code before} aliases the variables' buffers (ref variables are read
   * without a copy); every other reader of it feeds the moves, so it has run before the first write.
   *
   * @return one op per write
   */
  default List<Op> write(Ops tf, List<Variable<TFloat32>> variables, List<Operand<TFloat32>> before,
      List<Operand<TFloat32>> directions, Operand<TFloat32> rate) {
    List<LinearMove> moves = apply(before, directions, rate);
    List<Op> writes = new ArrayList<>(variables.size());
    for (int i = 0; i < variables.size(); i++) {
      LinearMove move = moves.get(i);
      List<Op> decayed = move.decay() == null
          ? List.of()
          : List.of(tf.train.applyGradientDescent(variables.get(i), move.decay(), before.get(i)));
      writes.add(tf.withControlDependencies(decayed).train.applyGradientDescent(variables.get(i), move.rate(), directions.get(i)));
    }
    return writes;
  }
}
