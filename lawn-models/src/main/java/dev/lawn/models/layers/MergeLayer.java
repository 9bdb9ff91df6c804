package dev.lawn.models.layers;

import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A parameter-free layer combining several inputs (functional composition). */
public abstract class MergeLayer {

  private final String name;
  private final String defaultBase;
  private final String type;
  private boolean applied;

  protected MergeLayer(String name, String defaultBase, String type) {
    this.name = name;
    this.defaultBase = defaultBase;
    this.type = type;
  }

  /** Builds the layer on {@code inputs} (at least two). */
  public final Operand<TFloat32> apply(LayerContext context, List<Operand<TFloat32>> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    if (inputs.size() < 2) {
      throw new IllegalArgumentException(type + " needs at least two inputs, got " + inputs.size());
    }
    if (applied) {
      throw new IllegalStateException(type + " layer was already applied; create a new instance");
    }
    applied = true;
    LayerScope scope = context.layer(name, defaultBase);
    return scope.output(type, build(scope, inputs));
  }

  /** Builds the merge. */
  protected abstract Operand<TFloat32> build(LayerScope scope, List<Operand<TFloat32>> inputs);
}
