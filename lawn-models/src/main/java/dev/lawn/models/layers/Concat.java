package dev.lawn.models.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Concatenates inputs along the last axis ({@code ConcatV2}). A {@link Dense} layer reading the
 * result multiplies the parts by blocks of its kernel instead, so the concatenation itself is
 * never computed in that case (it is a strided copy that cost NCF-MLP about a sixth of its step).
 */
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
    Operand<TFloat32> output = scope.tf().concat(inputs, scope.tf().constant(-1));
    scope.recordConcatenation(output, inputs);
    return output;
  }
}
