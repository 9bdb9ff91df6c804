package dev.lawn.models.layers;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A parameter-free layer applying an {@link ActivationFunction}. */
public final class Activation extends BaseLayer {

  private final ActivationFunction function;

  /** An unnamed activation layer (named after the function, e.g. {@code relu}). */
  public Activation(ActivationFunction function) {
    this(null, function);
  }

  /** A named activation layer. */
  public Activation(String name, ActivationFunction function) {
    super(name, Objects.requireNonNull(function, "function").name().toLowerCase(), "Activation");
    this.function = function;
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    return function.apply(scope.tf(), input);
  }
}
