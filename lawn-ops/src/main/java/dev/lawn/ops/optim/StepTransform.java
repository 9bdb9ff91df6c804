package dev.lawn.ops.optim;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A change applied to an optimizer's step direction just before the step is taken; LAWN's tangent
 * projection is one. Linear transforms commute with the learning rate, so it makes no difference
 * whether the direction or the scaled step is transformed.
 */
@FunctionalInterface
public interface StepTransform {

  /** Leaves the step as the base optimizer made it. */
  StepTransform IDENTITY = (params, steps) -> steps;

  /**
   * @param params parameter values before the step, one per variable
   * @param steps step directions, one per variable
   * @return the transformed directions
   */
  List<Operand<TFloat32>> apply(List<Operand<TFloat32>> params, List<Operand<TFloat32>> steps);
}
