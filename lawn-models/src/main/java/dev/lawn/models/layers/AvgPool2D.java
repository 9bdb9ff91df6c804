package dev.lawn.models.layers;

import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Average pooling over square windows of NHWC input. */
public final class AvgPool2D extends BaseLayer {

  private final int poolSize;
  private final int stride;
  private final Padding padding;

  /** Non-overlapping {@code poolSize x poolSize} pooling, VALID padding. */
  public AvgPool2D(int poolSize) {
    this(null, poolSize, poolSize, Padding.VALID);
  }

  /**
   * @param name explicit name or null ({@code avg_pool2d}, ...)
   * @param poolSize window side
   * @param stride stride in both spatial dimensions
   * @param padding padding
   */
  public AvgPool2D(String name, int poolSize, int stride, Padding padding) {
    super(name, "avg_pool2d", "AvgPool2D");
    this.poolSize = requirePositive(poolSize, "AvgPool2D poolSize");
    this.stride = requirePositive(stride, "AvgPool2D stride");
    this.padding = Objects.requireNonNull(padding, "padding");
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    requireKnownLastDim(input, 4);
    return scope.tf().nn.avgPool(
        input,
        List.of(1L, (long) poolSize, (long) poolSize, 1L),
        List.of(1L, (long) stride, (long) stride, 1L),
        padding.name());
  }
}
