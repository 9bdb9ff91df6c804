package dev.lawn.models.layers;

import dev.lawn.ops.VariableRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Batch normalization over the last (channel) axis of {@code [B, H, W, C]} or {@code [B, C]} input,
 * built on {@code FusedBatchNormV3}, which has a graph-mode gradient in both modes.
 *
 * <p>Training mode normalizes with the batch statistics, inference mode with the moving ones; the
 * model's training flag selects between the two outputs ({@code SelectV2}), because graph-mode
 * gradients do not support {@code cond}. Both branches are therefore computed, which costs one
 * extra inference-mode normalization per layer.
 *
 * <p>Variables: {@code gamma [C]} ({@link VariableRole#NORM_SCALE}, ones), {@code beta [C]}
 * ({@link VariableRole#NORM_OFFSET}, zeros); non-trainable {@code moving_mean} (zeros) and
 * {@code moving_variance} (ones). Their update {@code m <- m - (1 - momentum) (m - batch)} is an
 * update op the trainer runs with every training step.
 */
public final class BatchNorm extends BaseLayer {

  /** Default moving-average momentum (PyTorch's 0.1 update rate; Keras uses 0.99). */
  public static final float DEFAULT_MOMENTUM = 0.9f;

  /** Default variance epsilon (Keras' value). */
  public static final float DEFAULT_EPSILON = 1e-3f;

  private final float momentum;
  private final float epsilon;

  /** An unnamed layer with default momentum and epsilon. */
  public BatchNorm() {
    this(null);
  }

  /** A named layer with default momentum and epsilon. */
  public BatchNorm(String name) {
    this(name, DEFAULT_MOMENTUM, DEFAULT_EPSILON);
  }

  /**
   * @param name explicit name or null ({@code batch_norm}, ...)
   * @param momentum moving-average momentum in [0, 1)
   * @param epsilon variance epsilon, > 0
   */
  public BatchNorm(String name, float momentum, float epsilon) {
    super(name, "batch_norm", "BatchNorm");
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1), got " + momentum);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("BatchNorm epsilon must be > 0, got " + epsilon);
    }
    this.momentum = momentum;
    this.epsilon = epsilon;
  }

  @Override
  protected Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> input) {
    Shape shape = input.shape();
    int rank = shape.isUnknown() ? -1 : shape.numDimensions();
    if (rank != 2 && rank != 4) {
      throw new IllegalArgumentException("BatchNorm: expected an input of rank 2 or 4, got " + shape);
    }
    long channels = requireKnownLastDim(input, rank);
    Ops tf = scope.tf();
    Shape vector = Shape.of(channels);
    Variable<TFloat32> gamma = scope.trainable("gamma", VariableRole.NORM_SCALE, vector, Initializer.ones());
    Variable<TFloat32> beta = scope.trainable("beta", VariableRole.NORM_OFFSET, vector, Initializer.zeros());
    Variable<TFloat32> movingMean = scope.nonTrainable("moving_mean", vector, Initializer.zeros());
    Variable<TFloat32> movingVariance = scope.nonTrainable("moving_variance", vector, Initializer.ones());

    // The fused op wants NHWC; a [B, C] input is normalized as [B, 1, 1, C].
    Operand<TFloat32> x = rank == 4 ? input : tf.reshape(input, tf.constant(new long[] {-1, 1, 1, channels}));
    Operand<TFloat32> empty = tf.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> train = tf.nn.fusedBatchNorm(
        x, scope.read(gamma), scope.read(beta), empty, empty,
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(true));
    FusedBatchNorm<TFloat32, TFloat32> infer = tf.nn.fusedBatchNorm(
        x, scope.read(gamma), scope.read(beta), scope.read(movingMean), scope.read(movingVariance),
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false));
    Operand<TFloat32> y = tf.select(scope.training(), train.y(), infer.y());

    Operand<TFloat32> rate = tf.constant(1f - momentum);
    scope.addUpdateOp(tf.withName("update_moving_mean").assignSub(
        movingMean, tf.math.mul(tf.math.sub(scope.read(movingMean), train.batchMean()), rate)));
    // batchVariance of the training-mode op is the unbiased (Bessel-corrected) estimate.
    scope.addUpdateOp(tf.withName("update_moving_variance").assignSub(
        movingVariance, tf.math.mul(tf.math.sub(scope.read(movingVariance), train.batchVariance()), rate)));

    return rank == 4 ? y : tf.reshape(y, tf.constant(new long[] {-1, channels}));
  }
}
