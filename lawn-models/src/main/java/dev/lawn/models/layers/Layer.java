package dev.lawn.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A float-to-float layer: what {@link Sequential} chains. Applying a layer builds its ops (and
 * variables) in a {@link LayerContext}; a layer instance owns its variables, so it is applied once
 * (there is no weight sharing between two applications).
 */
@FunctionalInterface
public interface Layer {

  /**
   * Builds the layer on {@code input} and returns its output.
   *
   * @throws IllegalStateException if this layer instance was applied before
   * @throws IllegalArgumentException if the input shape does not suit the layer
   */
  Operand<TFloat32> apply(LayerContext context, Operand<TFloat32> input);
}
