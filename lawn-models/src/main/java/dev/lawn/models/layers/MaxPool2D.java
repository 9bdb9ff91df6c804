package dev.lawn.models.layers;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Max pooling over square windows of NHWC input. */
public final class MaxPool2D extends BaseLayer {

  private final int poolSize;
  private final int stride;
  private final Padding padding;

  /** Non-overlapping {@code poolSize x poolSize} pooling, VALID padding (Keras' default). */
  public MaxPool2D(int poolSize) {
    this(null, poolSize, poolSize, Padding.VALID);
  }

  /**
   * @param name explicit name or null ({@code max_pool2d}, ...)
   * @param poolSize window side
   * @param stride stride in both spatial dimensions
   * @param padding padding
   */
  public MaxPool2D(String name, int poolSize, int stride, Padding padding) {
    super(name, "max_pool2d", "MaxPool2D");
    this.poolSize = requirePositive(poolSize, "MaxPool2D poolSize");
    this.stride = requirePositive(stride, "MaxPool2D stride");
    this.padding = Objects.requireNonNull(padding, "padding");
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    requireKnownLastDim(input, 4);
    Ops tf = scope.tf();
    return tf.nn.maxPool(
        input,
        tf.constant(new int[] {1, poolSize, poolSize, 1}),
        tf.constant(new int[] {1, stride, stride, 1}),
        padding.name());
  }
}
