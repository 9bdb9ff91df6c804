package dev.lawn.models.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Element-wise product of inputs (GMF's user-item interaction). */
public final class Multiply extends MergeLayer {

  /** An unnamed layer ({@code multiply}, ...). */
  public Multiply() {
    this(null);
  }

  /** A named layer. */
  public Multiply(String name) {
    super(name, "multiply", "Multiply");
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> product = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      product = scope.tf().math.mul(product, inputs.get(i));
    }
    return product;
  }
}
