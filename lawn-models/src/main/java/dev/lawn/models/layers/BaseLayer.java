package dev.lawn.models.layers;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Common part of the built-in layers: naming, the apply-once guard and the summary row.
 * Subclasses implement {@link #build}.
 */
public abstract class BaseLayer implements Layer {

  private final String name;
  private final String defaultBase;
  private final String type;
  private boolean applied;

  /**
   * @param name explicit layer name, or null for a de-duplicated {@code defaultBase}
   * @param defaultBase base name, e.g. {@code "dense"}
   * @param type type shown in summaries, e.g. {@code "Dense"}
   */
  protected BaseLayer(String name, String defaultBase, String type) {
    this.name = name;
    this.defaultBase = Objects.requireNonNull(defaultBase, "defaultBase");
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public final Operand<TFloat32> apply(LayerContext context, Operand<TFloat32> input) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(input, "input");
    if (applied) {
      throw new IllegalStateException(
          type + " layer '" + (name == null ? defaultBase : name) + "' was already applied;"
              + " create a new instance (layers own their variables)");
    }
    applied = true;
    LayerScope scope = context.layer(name, defaultBase);
    return scope.output(type, build(scope, input));
  }

  /** Builds the layer's ops in {@code scope}. */
  protected abstract Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input);

  /** Requires a static rank and a known last dimension; returns the last dimension. */
  protected final long requireKnownLastDim(Operand<TFloat32> input, int rank) {
    Shape shape = input.shape();
    if (shape.isUnknown() || shape.numDimensions() != rank) {
      throw new IllegalArgumentException(
          type + ": expected an input of rank " + rank + ", got shape " + shape);
    }
    long last = shape.get(rank - 1);
    if (last < 0) {
      throw new IllegalArgumentException(type + ": the last input dimension must be known, got " + shape);
    }
    return last;
  }

  /** Validation helper: {@code value > 0}, else an exception naming {@code what}. */
  protected static int requirePositive(int value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be > 0, got " + value);
    }
    return value;
  }
}
