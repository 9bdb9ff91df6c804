package dev.lawn.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Mean over the spatial dimensions: {@code [B, H, W, C] -> [B, C]}. */
public final class GlobalAvgPool extends BaseLayer {

  /** An unnamed layer ({@code global_avg_pool}, ...). */
  public GlobalAvgPool() {
    this(null);
  }

  /** A named layer. */
  public GlobalAvgPool(String name) {
    super(name, "global_avg_pool", "GlobalAvgPool");
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    requireKnownLastDim(input, 4);
    return scope.tf().math.mean(input, scope.tf().constant(new int[] {1, 2}));
  }
}
