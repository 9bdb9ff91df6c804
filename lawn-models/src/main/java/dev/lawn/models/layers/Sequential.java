package dev.lawn.models.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A chain of layers, itself a {@link Layer}, so it nests in functional models.
 *
 * <p>A named Sequential builds its layers in a sub-scope of that name ({@code mlp/dense}, ...); an
 * unnamed one builds them in the caller's scope, which is what a whole-model Sequential wants.
 */
public final class Sequential implements Layer {

  private final String name;
  private final List<Layer> layers;
  private boolean applied;

  private Sequential(String name, List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("Sequential" + (name == null ? "" : " '" + name + "'") + " has no layers");
    }
    this.name = name;
    this.layers = List.copyOf(layers);
  }

  /** Starts an unnamed Sequential (layers go to the caller's scope). */
  public static Builder builder() {
    return new Builder(null);
  }

  /** Starts a Sequential whose layers go to the sub-scope {@code name}. */
  public static Builder builder(String name) {
    return new Builder(Objects.requireNonNull(name, "name"));
  }

  /** The layers, in order. */
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public Operand<TFloat32> apply(LayerContext context, Operand<TFloat32> input) {
    if (applied) {
      throw new IllegalStateException("Sequential was already applied; create a new instance");
    }
    applied = true;
    LayerContext scope = name == null ? context : context.child(name, "sequential");
    Operand<TFloat32> x = input;
    for (Layer layer : layers) {
      x = layer.apply(scope, x);
    }
    return x;
  }

  /** Builder of {@link Sequential}. */
  public static final class Builder {
    private final String name;
    private final List<Layer> layers = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Appends a layer. */
    public Builder add(Layer layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /** Builds the chain (at least one layer). */
    public Sequential build() {
      return new Sequential(name, layers);
    }
  }
}
