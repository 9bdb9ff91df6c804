package dev.lawn.models.layers;

import dev.lawn.ops.VariableRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Fully connected layer {@code activation(x W + b)} on a {@code [B, in]} input.
 *
 * <p>Variables: {@code kernel [in, units]} ({@link VariableRole#KERNEL}, Glorot uniform by default,
 * as Keras) and {@code bias [units]} ({@link VariableRole#BIAS}, zeros).
 */
public final class Dense extends BaseLayer {

  private final int units;
  private final ActivationFunction activation;
  private final boolean useBias;
  private final Initializer kernelInitializer;

  /** A dense layer with bias and Glorot-uniform kernel. */
  public Dense(String name, int units, ActivationFunction activation) {
    this(name, units, activation, true, Initializer.glorotUniform());
  }

  /** An unnamed dense layer with bias and Glorot-uniform kernel. */
  public Dense(int units, ActivationFunction activation) {
    this(null, units, activation);
  }

  /**
   * @param name explicit name or null ({@code dense}, {@code dense_1}, ...)
   * @param units output width
   * @param activation activation applied after the bias
   * @param useBias whether to add a bias
   * @param kernelInitializer kernel initializer
   */
  public Dense(String name, int units, ActivationFunction activation, boolean useBias, Initializer kernelInitializer) {
    super(name, "dense", "Dense");
    this.units = requirePositive(units, "Dense units");
    this.activation = Objects.requireNonNull(activation, "activation");
    this.useBias = useBias;
    this.kernelInitializer = Objects.requireNonNull(kernelInitializer, "kernelInitializer");
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    long in = requireKnownLastDim(input, 2);
    Ops tf = scope.tf();
    Variable<TFloat32> kernel =
        scope.trainable("kernel", VariableRole.KERNEL, Shape.of(in, units), kernelInitializer);
    Operand<TFloat32> y = concatenatedMatMul(scope, input, kernel, in)
        .orElseGet(() -> tf.linalg.matMul(input, scope.read(kernel)));
    if (useBias) {
      Variable<TFloat32> bias =
          scope.trainable("bias", VariableRole.BIAS, Shape.of(units), Initializer.zeros());
      y = tf.nn.biasAdd(y, scope.read(bias));
    }
    return activation.apply(tf, y);
  }

  /**
   * {@code concat(x_1, ..., x_k) W} as {@code x_1 W_1 + ... + x_k W_k} with {@code W_j} the rows of
   * {@code W} that multiply {@code x_j}, when the input is a {@link Concat} of rank-2 parts with known
   * widths: the same kernel variable, without the concatenation's copy.
   */
  private static Optional<Operand<TFloat32>> concatenatedMatMul(
      LayerScope scope, Operand<TFloat32> input, Variable<TFloat32> kernel, long in) {
    Optional<List<Operand<TFloat32>>> parts = scope.concatenationParts(input);
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    long total = 0;
    for (Operand<TFloat32> part : parts.get()) {
      if (part.shape().numDimensions() != 2 || part.shape().size(1) < 0) {
        return Optional.empty();
      }
      total += part.shape().size(1);
    }
    if (total != in) {
      return Optional.empty();
    }
    Ops tf = scope.tf();
    Operand<TFloat32> w = scope.read(kernel);
    List<Operand<TFloat32>> products = new ArrayList<>();
    long offset = 0;
    for (Operand<TFloat32> part : parts.get()) {
      long width = part.shape().size(1);
      // int32 begin/size: Slice's gradient in TF-Java 1.1.0 mixes int32 shapes with them.
      Operand<TFloat32> rows = tf.slice(w, tf.constant(new int[] {(int) offset, 0}), tf.constant(new int[] {(int) width, -1}));
      products.add(tf.linalg.matMul(part, rows));
      offset += width;
    }
    return Optional.of(products.size() == 1 ? products.get(0) : tf.math.addN(products));
  }
}
