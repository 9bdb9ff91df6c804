package dev.lawn.ops.transform;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Creates per-parameter optimizer state variables ({@code VariableV2}, so checkpoints hold them). */
final class Slots {

  private Slots() {}

  /** One zero-initialized variable per parameter, named {@code <param>-<slot>} in the current scope. */
  static List<Variable<TFloat32>> zeros(Ops tf, List<TrainableVariable> params, String slot) {
    Ops init = tf.withInitScope();
    List<Variable<TFloat32>> out = new ArrayList<>(params.size());
    for (TrainableVariable p : params) {
      String name = (p.name() + "-" + slot).replaceAll("[^A-Za-z0-9_.\\-]", "_");
      out.add(tf.withName(name).variable(init.zeros(init.constant(p.shape()), TFloat32.class)));
    }
    return out;
  }
}
