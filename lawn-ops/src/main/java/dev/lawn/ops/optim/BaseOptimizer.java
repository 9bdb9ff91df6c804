package dev.lawn.ops.optim;

import dev.lawn.ops.TrainableVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * An optimizer bound to a list of variables, as LAWN wraps it. Lifecycle: construct (creates all
 * state variables), then build {@link #step} once per phase; every build shares the same state.
 */
public interface BaseOptimizer {

  /** Readable description (provenance in logs and summaries). */
  String name();

  /** The variables this optimizer updates, in the order gradients are given. */
  List<TrainableVariable> variables();

  /**
   * Builds one training step: update the optimizer state from {@code gradients}, compute the step,
   * pass it through {@code transform}, apply it, and count the step.
   *
   * @param gradients one per variable, in {@link #variables()} order
   */
  Op step(List<Operand<TFloat32>> gradients, StepTransform transform);

  /** Number of steps taken so far (a variable, so checkpoints hold it). */
  Operand<TInt64> iterations();

  /** The learning rate the next step will use, for logs. */
  Operand<TFloat32> learningRate();

  /**
   * Whether {@link #step} lets a transform write the step itself ({@link StepTransform#write}); when
   * false it writes the moves of {@link StepTransform#apply}. LAWN's fused kernels need the former.
   */
  default boolean transformWrites() {
    return false;
  }

  /**
   * Ops that must run once at LAWN's switch so that the constrained step continues the free step's
   * state. Empty when all builds of {@link #step} share state already.
   */
  default List<Op> continueStateOps() {
    return List.of();
  }
}
