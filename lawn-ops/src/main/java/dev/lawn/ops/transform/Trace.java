package dev.lawn.ops.transform;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Heavy-ball momentum as in PyTorch's SGD (no dampening): {@code b = mu b + u}, output {@code b}, or
 * {@code u + mu b} with Nesterov.
 *
 * @param momentum the decay {@code mu}, in [0, 1)
 * @param nesterov whether to use Nesterov's look-ahead
 */
public record Trace(float momentum, boolean nesterov) implements GradientTransform {

  /** Slot name of the momentum buffer. */
  public static final String MOMENTUM = "momentum";

  public Trace {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
  }

  @Override
  public String name() {
    return (nesterov ? "nesterov(" : "momentum(") + momentum + ")";
  }

  @Override
  public Stage init(Ops tf, List<TrainableVariable> params) {
    List<Variable<TFloat32>> buffers = Slots.zeros(tf, params, MOMENTUM);
    return (ops, updates, values, count) -> {
      List<Operand<TFloat32>> out = new ArrayList<>(updates.size());
      List<Op> writes = new ArrayList<>(updates.size());
      Operand<TFloat32> mu = ops.constant(momentum);
      for (int i = 0; i < updates.size(); i++) {
        Operand<TFloat32> b = ops.math.add(ops.math.mul(mu, ops.identity(buffers.get(i))), updates.get(i));
        writes.add(ops.assign(buffers.get(i), b));
        out.add(nesterov ? ops.math.add(updates.get(i), ops.math.mul(mu, b)) : b);
      }
      return new Updates(out, writes);
    };
  }
}
