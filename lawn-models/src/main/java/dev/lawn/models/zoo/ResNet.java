package dev.lawn.models.zoo;

import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelBuilder;
import dev.lawn.models.layers.Activation;
import dev.lawn.models.layers.ActivationFunction;
import dev.lawn.models.layers.Add;
import dev.lawn.models.layers.BatchNorm;
import dev.lawn.models.layers.Conv2D;
import dev.lawn.models.layers.Dense;
import dev.lawn.models.layers.GlobalAvgPool;
import dev.lawn.models.layers.LayerContext;
import dev.lawn.models.layers.MaxPool2D;
import dev.lawn.models.layers.Padding;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ResNet-18 and ResNet-50 (He et al. 2015) in the torchvision layout: convolutions without bias,
 * each followed by batch norm; stride-2 downsampling in the first 3x3 convolution of a stage (the
 * "v1.5" bottleneck); 1x1 convolution + batch norm on the shortcut where the shape changes; global
 * average pooling and one dense layer. Trainable parameters with 1000 classes: ResNet-18
 * 11,689,512, ResNet-50 25,557,032 (the published torchvision counts).
 *
 * <p>Stem: ImageNet's 7x7/2 convolution and 3x3/2 max pooling, or with
 * {@link ClassifierOptions#cifarStem()} a 3x3/1 convolution and no pooling (32x32 inputs). TF
 * "SAME" padding is used throughout (it pads bottom/right on even inputs where PyTorch pads
 * symmetrically; shapes and parameter counts are the same). Widths scale with the width multiplier.
 */
public final class ResNet {

  /** Block type and blocks per stage of a depth. */
  public enum Depth {
    /** Basic blocks (two 3x3 convolutions), 2-2-2-2. */
    RESNET18(false, List.of(2, 2, 2, 2)),
    /** Bottleneck blocks (1x1, 3x3, 1x1 with 4x expansion), 3-4-6-3. */
    RESNET50(true, List.of(3, 4, 6, 3));

    final boolean bottleneck;
    final List<Integer> blocks;

    Depth(boolean bottleneck, List<Integer> blocks) {
      this.bottleneck = bottleneck;
      this.blocks = blocks;
    }
  }

  private static final int[] STAGE_WIDTHS = {64, 128, 256, 512};
  private static final int BOTTLENECK_EXPANSION = 4;

  private ResNet() {}

  /**
   * Builds the model; input {@code image} [B, height, width, channels], at least as large as the
   * network's total stride: 8x8 with the CIFAR stem, 32x32 with the ImageNet stem.
   */
  public static Model build(
      Ops tf, String name, Depth depth, int height, int width, int channels, int numClasses,
      ClassifierOptions options) {
    int minimum = options.cifarStem() ? 8 : 32;
    if (height < minimum || width < minimum) {
      throw new IllegalArgumentException(name + " needs images of at least " + minimum + "x" + minimum + " (total stride "
          + minimum + (options.cifarStem() ? " with the CIFAR stem" : " with the ImageNet stem") + "), got "
          + height + "x" + width);
    }
    ModelBuilder b = ModelBuilder.create(tf, options.seed());
    LayerContext ctx = b.context();
    Operand<TFloat32> x = b.imageInput("image", height, width, channels);

    int stemWidth = options.scaled(64);
    if (options.cifarStem()) {
      x = convBn(ctx, "conv1", "bn1", x, stemWidth, 3, 1);
    } else {
      x = convBn(ctx, "conv1", "bn1", x, stemWidth, 7, 2);
    }
    x = relu(ctx, "relu1", x);
    if (!options.cifarStem()) {
      x = new MaxPool2D("max_pool", 3, 2, Padding.SAME).apply(ctx, x);
    }

    for (int stage = 0; stage < STAGE_WIDTHS.length; stage++) {
      int stageWidth = options.scaled(STAGE_WIDTHS[stage]);
      LayerContext stageCtx = ctx.child("layer" + (stage + 1), "layer");
      for (int block = 0; block < depth.blocks.get(stage); block++) {
        int stride = (stage > 0 && block == 0) ? 2 : 1;
        LayerContext blockCtx = stageCtx.child("block" + block, "block");
        x = depth.bottleneck
            ? bottleneck(blockCtx, x, stageWidth, stride)
            : basic(blockCtx, x, stageWidth, stride);
      }
    }

    x = new GlobalAvgPool("avg_pool").apply(ctx, x);
    x = new Dense("fc", numClasses, ActivationFunction.LINEAR).apply(ctx, x);
    return b.build(name, x);
  }

  /** conv3x3(stride)-bn-relu-conv3x3-bn, plus the shortcut, then relu. */
  private static Operand<TFloat32> basic(LayerContext ctx, Operand<TFloat32> x, int width, int stride) {
    Operand<TFloat32> y = relu(ctx, "relu1", convBn(ctx, "conv1", "bn1", x, width, 3, stride));
    y = convBn(ctx, "conv2", "bn2", y, width, 3, 1);
    return relu(ctx, "relu_out", new Add("add").apply(ctx, List.of(y, shortcut(ctx, x, width, stride))));
  }

  /** conv1x1-bn-relu-conv3x3(stride)-bn-relu-conv1x1(4x)-bn, plus the shortcut, then relu. */
  private static Operand<TFloat32> bottleneck(LayerContext ctx, Operand<TFloat32> x, int width, int stride) {
    Operand<TFloat32> y = relu(ctx, "relu1", convBn(ctx, "conv1", "bn1", x, width, 1, 1));
    y = relu(ctx, "relu2", convBn(ctx, "conv2", "bn2", y, width, 3, stride));
    int outWidth = width * BOTTLENECK_EXPANSION;
    y = convBn(ctx, "conv3", "bn3", y, outWidth, 1, 1);
    return relu(ctx, "relu_out", new Add("add").apply(ctx, List.of(y, shortcut(ctx, x, outWidth, stride))));
  }

  /** Identity, or 1x1 conv (stride) + bn where the shape changes. */
  private static Operand<TFloat32> shortcut(LayerContext ctx, Operand<TFloat32> x, int outWidth, int stride) {
    if (stride == 1 && x.shape().get(3) == outWidth) {
      return x;
    }
    return convBn(ctx, "shortcut_conv", "shortcut_bn", x, outWidth, 1, stride);
  }

  private static Operand<TFloat32> convBn(
      LayerContext ctx, String convName, String bnName, Operand<TFloat32> x, int filters, int kernel, int stride) {
    Operand<TFloat32> y = Conv2D.builder(filters, kernel).name(convName).stride(stride).useBias(false).build()
        .apply(ctx, x);
    return new BatchNorm(bnName).apply(ctx, y);
  }

  private static Operand<TFloat32> relu(LayerContext ctx, String name, Operand<TFloat32> x) {
    return new Activation(name, ActivationFunction.RELU).apply(ctx, x);
  }
}
