package dev.lawn.ops.transform;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * The output of a {@link GradientTransform} stage: one update tensor per parameter, and the ops that
 * write the stage's new state (they must run in the same step).
 */
public record Updates(List<Operand<TFloat32>> values, List<Op> stateUpdates) {

  public Updates {
    values = List.copyOf(values);
    stateUpdates = List.copyOf(stateUpdates);
  }

  /** Updates with no state change. */
  public static Updates stateless(List<Operand<TFloat32>> values) {
    return new Updates(values, List.of());
  }
}
