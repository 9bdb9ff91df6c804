package dev.lawn.ops;

import java.util.Objects;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A trainable float32 {@code VariableV2} with the facts optimizers need about it: which layer owns
 * it and what it is.
 *
 * @param name unique name of the variable (also its key in checkpoints and reports)
 * @param layer name of the layer that owns it; variables of one layer form one LAWN group by default
 * @param role what the variable is
 * @param variable the graph variable ({@code VariableV2}, so savers and the exporter see it)
 */
public record TrainableVariable(String name, String layer, VariableRole role, Variable<TFloat32> variable) {

  public TrainableVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(variable, "variable");
  }

  /** Static shape of the variable. */
  public Shape shape() {
    return variable.shape();
  }

  /** Number of scalar parameters. */
  public long size() {
    return shape().size();
  }
}
