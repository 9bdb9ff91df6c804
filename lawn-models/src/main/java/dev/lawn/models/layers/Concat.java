package dev.lawn.models.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Concatenates inputs along the last axis ({@code ConcatV2}). */
public final class Concat extends MergeLayer {

  /** An unnamed layer ({@code concat}, ...). */
  public Concat() {
    this(null);
  }

  /** A named layer. */
  public Concat(String name) {
    super(name, "concat", "Concat");
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, List<Operand<TFloat32>> inputs) {
    return scope.tf().concat(inputs, scope.tf().constant(-1));
  }
}
