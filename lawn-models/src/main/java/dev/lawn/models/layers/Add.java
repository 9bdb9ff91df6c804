package dev.lawn.models.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise sum of inputs of one shape (residual connections). */
public final class Add extends MergeLayer {

  /** An unnamed layer ({@code add}, ...). */
  public Add() {
    this(null);
  }

  /** A named layer. */
  public Add(String name) {
    super(name, "add", "Add");
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, List<Operand<TFloat32>> inputs) {
    Ops tf = scope.tf();
    return inputs.size() == 2 ? tf.math.add(inputs.get(0), inputs.get(1)) : tf.math.addN(inputs);
  }
}
