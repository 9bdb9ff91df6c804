package dev.lawn.models.layers;

import dev.lawn.ops.VariableRole;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * 2-D convolution on NHWC input with a square kernel and stride.
 *
 * <p>Variables: {@code kernel [k, k, in, filters]} ({@link VariableRole#KERNEL}, He normal by
 * default) and, if enabled, {@code bias [filters]} ({@link VariableRole#BIAS}, zeros). Convolutions
 * followed by batch norm usually go without bias (ResNet), since the norm's offset plays its part.
 */
public final class Conv2D extends BaseLayer {

  private final int filters;
  private final int kernelSize;
  private final int stride;
  private final Padding padding;
  private final boolean useBias;
  private final ActivationFunction activation;
  private final Initializer kernelInitializer;

  private Conv2D(Builder b) {
    super(b.name, "conv2d", "Conv2D");
    this.filters = requirePositive(b.filters, "Conv2D filters");
    this.kernelSize = requirePositive(b.kernelSize, "Conv2D kernelSize");
    this.stride = requirePositive(b.stride, "Conv2D stride");
    this.padding = Objects.requireNonNull(b.padding, "padding");
    this.useBias = b.useBias;
    this.activation = Objects.requireNonNull(b.activation, "activation");
    this.kernelInitializer = Objects.requireNonNull(b.kernelInitializer, "kernelInitializer");
  }

  /**
   * Starts a builder; defaults: stride 1, {@link Padding#SAME}, with bias, linear activation,
   * He-normal kernel.
   */
  public static Builder builder(int filters, int kernelSize) {
    return new Builder(filters, kernelSize);
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    long in = requireKnownLastDim(input, 4);
    Ops tf = scope.tf();
    Variable<TFloat32> kernel = scope.trainable(
        "kernel", VariableRole.KERNEL, Shape.of(kernelSize, kernelSize, in, filters), kernelInitializer);
    Operand<TFloat32> y =
        tf.nn.conv2d(input, scope.read(kernel), List.of(1L, (long) stride, (long) stride, 1L), padding.name());
    if (useBias) {
      Variable<TFloat32> bias =
          scope.trainable("bias", VariableRole.BIAS, Shape.of(filters), Initializer.zeros());
      y = tf.nn.biasAdd(y, scope.read(bias));
    }
    return activation.apply(tf, y);
  }

  /** Builder of {@link Conv2D}. */
  public static final class Builder {
    private final int filters;
    private final int kernelSize;
    private String name;
    private int stride = 1;
    private Padding padding = Padding.SAME;
    private boolean useBias = true;
    private ActivationFunction activation = ActivationFunction.LINEAR;
    private Initializer kernelInitializer = Initializer.heNormal();

    private Builder(int filters, int kernelSize) {
      this.filters = filters;
      this.kernelSize = kernelSize;
    }

    /** Explicit layer name (default {@code conv2d}, de-duplicated). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Stride in both spatial dimensions (default 1). */
    public Builder stride(int stride) {
      this.stride = stride;
      return this;
    }

    /** Padding (default SAME). */
    public Builder padding(Padding padding) {
      this.padding = padding;
      return this;
    }

    /** Whether to add a bias (default true). */
    public Builder useBias(boolean useBias) {
      this.useBias = useBias;
      return this;
    }

    /** Activation after the bias (default linear). */
    public Builder activation(ActivationFunction activation) {
      this.activation = activation;
      return this;
    }

    /** Kernel initializer (default He normal). */
    public Builder kernelInitializer(Initializer kernelInitializer) {
      this.kernelInitializer = kernelInitializer;
      return this;
    }

    /** Validates and builds the layer. */
    public Conv2D build() {
      return new Conv2D(this);
    }
  }
}
