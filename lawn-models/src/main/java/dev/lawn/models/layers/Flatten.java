package dev.lawn.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** Reshapes {@code [B, d1, ..., dn]} to {@code [B, d1 * ... * dn]}; the non-batch dims must be known. */
public final class Flatten extends BaseLayer {

  /** An unnamed layer ({@code flatten}, ...). */
  public Flatten() {
    this(null);
  }

  /** A named layer. */
  public Flatten(String name) {
    super(name, "flatten", "Flatten");
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    Shape shape = input.shape();
    if (shape.isUnknown() || shape.numDimensions() < 2) {
      throw new IllegalArgumentException("Flatten: expected an input of rank >= 2, got " + shape);
    }
    long features = 1;
    for (int i = 1; i < shape.numDimensions(); i++) {
      if (shape.get(i) < 0) {
        throw new IllegalArgumentException("Flatten: non-batch dimensions must be known, got " + shape);
      }
      features *= shape.get(i);
    }
    return scope.tf().reshape(input, scope.tf().constant(new long[] {-1, features}));
  }
}
