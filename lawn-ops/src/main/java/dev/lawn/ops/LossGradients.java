package dev.lawn.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of a loss with respect to trainable variables, safe to hand to an optimizer.
 *
 * <p>Reads of a {@code VariableV2} share its buffer, and an optimizer writes variables in place. The
 * update of one layer depends only on that layer's gradient, so without a gate it may run while
 * back-propagation to earlier layers still reads the layer's weights. Each returned gradient
 * therefore waits for all of them (cheap identities with control dependencies), which makes a step
 * deterministic. (Forward-pass values such as the loss are safe: they are computed tensors, and every
 * op that reads a variable in the forward pass runs before the back-propagation that needs it.)
 */
public final class LossGradients {

  private LossGradients() {}

  /** {@code d loss / d v} for each variable, in order, gated on all of them. */
  public static List<Operand<TFloat32>> of(Ops tf, Operand<TFloat32> loss, List<TrainableVariable> variables) {
    var gradients = tf.gradients(loss, variables.stream().map(TrainableVariable::variable).toList());
    List<Operand<TFloat32>> raw = new ArrayList<>(variables.size());
    for (int i = 0; i < variables.size(); i++) {
      raw.add(gradients.dy(i));
    }
    return gated(tf, raw);
  }

  /** Identities of {@code gradients} that each run only after every one of them is computed. */
  public static List<Operand<TFloat32>> gated(Ops tf, List<Operand<TFloat32>> gradients) {
    List<Operation> all = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      all.add(g.op());
    }
    Ops after = tf.withControlDependencyOps(all);
    List<Operand<TFloat32>> out = new ArrayList<>(gradients.size());
    for (Operand<TFloat32> g : gradients) {
      out.add(after.identity(g));
    }
    return out;
  }
}
