package dev.lawn.ops.transform;

import dev.lawn.ops.TrainableVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One stage of an optimizer in the style of optax: {@code init} creates the stage's state (slot
 * variables) once, {@code update} maps incoming updates (gradients for the first stage) to outgoing
 * ones. An optimizer is a {@link Chain} of stages followed by {@code w <- w - lr * u}.
 *
 * <p>{@code update} may be built more than once on the same state (LAWN builds a free and a
 * constrained step that share the optimizer's moments).
 */
public interface GradientTransform {

  /** Short name for logs and provenance. */
  String name();

  /** Creates this stage's state for {@code params}; call once per parameter list. */
  Stage init(Ops tf, List<TrainableVariable> params);

  /** A stage bound to its state. */
  interface Stage {
    /**
     * Builds the update ops.
     *
     * @param updates incoming updates, one per parameter
     * @param params current parameter values, one per parameter (read before the step)
     * @param count the 1-based number of the step being built (float scalar), for bias corrections
     */
    Updates update(Ops tf, List<Operand<TFloat32>> updates, List<Operand<TFloat32>> params, Operand<TFloat32> count);
  }
}
