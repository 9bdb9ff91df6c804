package dev.lawn.ops.schedule;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** A learning rate as a function of the optimizer step, both in the graph and in plain Java. */
public interface LearningRateSchedule {

  /** The rate at {@code step} (0-based: the step about to be taken) as a graph op. */
  Operand<TFloat32> rate(Ops tf, Operand<TInt64> step);

  /** The same rate in plain Java, for logs, references and tests. */
  double rateAt(long step);
}
