package dev.lawn.ops.optim;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Replaces an optimizer's additive step by a different move: given {@code w_{t-1}} and the step
 * {@code s} the base optimizer made ({@code w_t = w_{t-1} + s}), returns the new weights. LAWN's
 * transform projects {@code s} onto the tangent space and lands on the sphere {@code ||w|| = c} in the
 * same write. {@link #IDENTITY} keeps the base optimizer's own {@code w += s}.
 */
@FunctionalInterface
public interface StepTransform {

  /** Leaves the step as the base optimizer made it (the optimizer then uses its own update op). */
  StepTransform IDENTITY = (before, steps) -> {
    throw new UnsupportedOperationException("IDENTITY is handled by the optimizer itself");
  };

  /**
   * @param before parameter values before the step, one per variable
   * @param steps the additive steps, one per variable
   * @return the new parameter values
   */
  List<Operand<TFloat32>> apply(List<Operand<TFloat32>> before, List<Operand<TFloat32>> steps);
}
