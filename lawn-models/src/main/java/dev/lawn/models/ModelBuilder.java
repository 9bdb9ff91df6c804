package dev.lawn.models;

import dev.lawn.models.layers.LayerContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Functional composition of a model: declare inputs, apply layers to operands in plain Java, then
 * {@link #build} the {@link Model} from the logits.
 *
 * <pre>{@code
 * ModelBuilder b = ModelBuilder.create(tf, seed);
 * Operand<TFloat32> u = new Embedding("user_embedding", users, 32).apply(b.context(), b.idInput("user"));
 * ...
 * Model m = b.build("ncf-mlp", logits);
 * }</pre>
 */
public final class ModelBuilder {

  private final Ops tf;
  private final LayerContext context;
  private final Map<String, Operand<?>> inputs = new LinkedHashMap<>();
  private boolean built;

  private ModelBuilder(Ops tf, long seed) {
    this.tf = tf;
    this.context = LayerContext.create(tf, seed);
  }

  /**
   * Starts a model in the scope of {@code tf} (which may carry a sub-scope or device).
   *
   * @param seed initializer seed: the same seed gives the same initial values in any graph
   */
  public static ModelBuilder create(Ops tf, long seed) {
    return new ModelBuilder(Objects.requireNonNull(tf, "tf"), seed);
  }

  /** The root layer context. */
  public LayerContext context() {
    return context;
  }

  /** Declares a float image input {@code [-1, height, width, channels]} (NHWC). */
  public Placeholder<TFloat32> imageInput(String name, int height, int width, int channels) {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "input '" + name + "': height, width and channels must be > 0, got "
              + height + "x" + width + "x" + channels);
    }
    return register(name, tf.withName(name).placeholder(
        TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, channels))));
  }

  /** Declares an int32 id input {@code [-1]} (user or item ids). */
  public Placeholder<TInt32> idInput(String name) {
    return register(name, tf.withName(name).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))));
  }

  /**
   * Finishes the model; the logits get an identity named {@code logits} so that serving code can
   * find them by name.
   */
  public Model build(String modelName, Operand<TFloat32> logits) {
    if (built) {
      throw new IllegalStateException("model '" + modelName + "' was already built");
    }
    if (inputs.isEmpty()) {
      throw new IllegalStateException("model '" + modelName + "' has no inputs");
    }
    built = true;
    return new GraphModel(modelName, inputs, tf.withName("logits").identity(logits), context);
  }

  private <T extends Operand<?>> T register(String name, T input) {
    if (inputs.containsKey(name)) {
      throw new IllegalArgumentException("input '" + name + "' is declared twice");
    }
    inputs.put(name, input);
    return input;
  }
}
