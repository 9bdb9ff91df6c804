package dev.lawn.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.train.distributed.Placement;
import java.util.List;
import java.util.Locale;

/**
 * Everything that defines a training run, with the defaults in one place. Serialized in snake_case
 * into {@code RUN_DIR/config.json} and {@code summary.json}; the command line uses the same names in
 * kebab-case ({@code batch_size} is {@code --batch-size}), and errors name the option that way.
 *
 * @param model zoo model name ({@code ncf-mlp}, {@code small-cnn}, ...)
 * @param data data set name ({@code movielens-100k}, {@code fashion-mnist}, ...)
 * @param dataDir folder holding the data set's files, or null to search the default places
 * @param optimizer {@code sgd}, {@code adam}, {@code adamw}, {@code lamb}, each optionally with {@code -lawn}
 * @param lr peak learning rate
 * @param batchSize examples per optimizer step
 * @param microBatchSize examples per forward/backward pass; 0 picks one ({@link #AUTO_MICRO_BATCH_REC} /
 *     {@link #AUTO_MICRO_BATCH_IMAGES} at most); smaller than the batch means in-graph accumulation
 * @param epochs {@code E_total}
 * @param warmupEpochs {@code E_warmup} of the linear warm-up / linear decay schedule
 * @param eFree LAWN's free epochs: a count, {@code steps:N}, {@code auto}, {@code hoffer} (only with -lawn)
 * @param weightDecay weight decay of the base optimizer (must be 0 with -lawn: LAWN replaces it)
 * @param loss {@code auto} (bce for recommendation, softmax-ce for classes), {@code bce}, {@code softmax-ce}, {@code focal}
 * @param labelSmoothing softmax label smoothing epsilon
 * @param flooding flooding level b (0 = off)
 * @param focalGamma focal loss gamma (with {@code loss = focal})
 * @param alpha logit attenuation at the switch (1 = none), applied to {@link #attenuate}
 * @param attenuate the group scaled by alpha; {@code auto} = the output layer
 * @param groups which variables LAWN constrains, a name of {@link dev.lawn.ops.GroupSelector#named}
 *     ({@code per-layer}, {@code per-variable}, {@code classifier}, {@code all-but-bn}, {@code with-bn-scales}, {@code with-bn})
 * @param seed seed of initialization, data order and negative sampling
 * @param splitSeed seed of the leave-one-out evaluation negatives / the validation carve-out (fixed across seeds so runs are compared on the same items)
 * @param validation also evaluate on a validation split (recommendation: each user's second-latest item; images: a carve-out of the training set)
 * @param validationSize images carved off for validation
 * @param negatives training negatives per positive (recommendation)
 * @param widthMultiplier width multiplier of image models
 * @param evalEvery evaluate every N epochs (and at the end)
 * @param checkpointEvery checkpoint every N epochs (and at the end)
 * @param keepCheckpoints checkpoints kept (the best one is kept besides)
 * @param threads TensorFlow intra-op threads (0 = TensorFlow's default)
 * @param devices data-parallel towers, {@code cpu:N}/{@code gpu:N} comma-separated (null = one device);
 *     see {@link dev.lawn.train.distributed.Placement}
 * @param cluster worker addresses {@code host:port,...} or a cluster file, for training on several
 *     machines (null = this process)
 * @param clusterTimeoutSeconds longest wait of one step on the cluster before the run fails (0 = no limit)
 * @param augmentation training augmentation of image data sets: {@code crop-flip} (zero-pad, random
 *     crop, horizontal flip; the default, CIFAR's usual one), {@code flip} or {@code none}; recommendation
 *     data takes only the default (null, as in run folders written before the option existed, means it)
 * @param workerInput with {@link #cluster}: every worker produces the batches itself from its own copy
 *     of the data set and feeds its towers; the client sends no training data (see
 *     {@link dev.lawn.train.distributed.WorkerInput})
 * @param imageSize size images are trained at, {@code H} or {@code HxW}; null keeps the data set's
 *     own size (an image folder's images must then share one); see {@link dev.lawn.data.image.ImageSize}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainConfig(
    String model, String data, String dataDir, String optimizer, double lr, int batchSize, int microBatchSize,
    int epochs, double warmupEpochs, String eFree, double weightDecay, String loss, double labelSmoothing,
    double flooding, double focalGamma, double alpha, String attenuate, String groups, long seed, long splitSeed,
    boolean validation, int validationSize, int negatives, double widthMultiplier, int evalEvery,
    int checkpointEvery, int keepCheckpoints, int threads, String devices, String cluster,
    int clusterTimeoutSeconds, String augmentation, boolean workerInput, String imageSize) {

  /** Default of {@link #clusterTimeoutSeconds}: ten minutes for one step. */
  public static final int DEFAULT_CLUSTER_TIMEOUT_SECONDS = 600;
  /** Known {@link #augmentation} values; the first is the default. */
  public static final List<String> AUGMENTATIONS = List.of("crop-flip", "flip", "none");

  public TrainConfig {
    if (augmentation == null) {
      augmentation = AUGMENTATIONS.get(0);
    }
  }

  /** This configuration run on {@code devices} of this process or of every machine of {@code cluster}. */
  public TrainConfig withPlacement(String devices, String cluster, int clusterTimeoutSeconds) {
    return toBuilder().devices(devices).cluster(cluster).clusterTimeoutSeconds(clusterTimeoutSeconds).build();
  }

  /** This configuration with another training {@link #augmentation} of images. */
  public TrainConfig withAugmentation(String augmentation) {
    return toBuilder().augmentation(augmentation).build();
  }

  /** This configuration with the batches produced on the workers ({@link #workerInput}) or by the client. */
  public TrainConfig withWorkerInput(boolean workerInput) {
    return toBuilder().workerInput(workerInput).build();
  }

  /** This configuration with images trained at {@code imageSize} ({@code H} or {@code HxW}; null = their own size). */
  public TrainConfig withImageSize(String imageSize) {
    return toBuilder().imageSize(imageSize).build();
  }

  /** Where the run's graph runs (one device unless {@link #devices} or {@link #cluster} say otherwise). */
  @JsonIgnore
  public Placement placement() {
    return Placement.of(devices, cluster, clusterTimeoutSeconds, workerInput);
  }

  public static final int AUTO_MICRO_BATCH_REC = 262_144;
  public static final int AUTO_MICRO_BATCH_IMAGES = 1024;
  /** Known {@code --loss} values. */
  public static final List<String> LOSSES = List.of("auto", "bce", "softmax-ce", "focal");

  /** The defaults: NCF-MLP on MovieLens-100k with Adam-LAWN, the contract's example run. */
  public static TrainConfig defaults() {
    return new TrainConfig("ncf-mlp", "movielens-100k", null, "adam-lawn", 1e-3, 1024, 0, 20, 2, "5", 0, "auto",
        0, 0, 0, 1, "auto", "per-layer", 1, 42, false, 5000, 4, 1.0, 1, 1, 3, 0, null, null,
        DEFAULT_CLUSTER_TIMEOUT_SECONDS, AUGMENTATIONS.get(0), false, null);
  }

  /** A builder starting from {@link #defaults()}: the one way to make a configuration in code. */
  public static TrainConfigBuilder builder() {
    return new TrainConfigBuilder(defaults());
  }

  /** A builder starting from this configuration. */
  public TrainConfigBuilder toBuilder() {
    return new TrainConfigBuilder(this);
  }

  /** The base optimizer's kind ({@code adam} for {@code adam-lawn}). */
  @JsonIgnore
  public OptimizerSpec.Kind baseKind() {
    String name = optimizer.toLowerCase(Locale.ROOT);
    return OptimizerSpec.Kind.parse(name.endsWith("-lawn") ? name.substring(0, name.length() - 5) : name);
  }

  /** Whether the optimizer is a LAWN variant. */
  @JsonIgnore
  public boolean lawn() {
    return optimizer.toLowerCase(Locale.ROOT).endsWith("-lawn");
  }

  /** When LAWN switches; {@link SwitchPolicy.Never} for plain optimizers. */
  @JsonIgnore
  public SwitchPolicy switchPolicy() {
    return lawn() ? SwitchPolicy.parse(eFree) : new SwitchPolicy.Never();
  }

  /**
   * Checks every option; the message names the offending option as on the command line.
   *
   * @throws IllegalArgumentException on the first impossible setting
   */
  public TrainConfig validate() {
    require(model != null && !model.isBlank(), "--model is required");
    require(data != null && !data.isBlank(), "--data is required");
    try {
      baseKind();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--optimizer: unknown optimizer '" + optimizer
          + "' (known: sgd, adam, adamw, lamb, each also with -lawn)");
    }
    require(Double.isFinite(lr) && lr > 0, "--lr must be a finite number > 0, got " + lr);
    require(batchSize >= 1, "--batch-size must be >= 1, got " + batchSize);
    require(microBatchSize >= 0, "--micro-batch-size must be >= 0 (0 = automatic), got " + microBatchSize);
    require(epochs >= 1, "--epochs must be >= 1, got " + epochs);
    require(Double.isFinite(warmupEpochs) && warmupEpochs >= 0 && warmupEpochs <= epochs,
        "--warmup-epochs must be in [0, --epochs=" + epochs + "], got " + warmupEpochs);
    require(Double.isFinite(weightDecay) && weightDecay >= 0, "--weight-decay must be >= 0, got " + weightDecay);
    require(!(lawn() && weightDecay > 0),
        "--weight-decay must be 0 with " + optimizer + ": LAWN replaces weight decay (use " + baseKind().name().toLowerCase(Locale.ROOT) + " for a weight-decay baseline)");
    SwitchPolicy policy;
    try {
      policy = SwitchPolicy.parse(eFree);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--e-free: " + e.getMessage());
    }
    if (lawn() && policy instanceof SwitchPolicy.AtEpoch at) {
      require(at.epoch() <= epochs, "--e-free (" + at.epoch() + ") must not exceed --epochs (" + epochs + ")");
    }
    require(LOSSES.contains(loss), "--loss must be one of " + LOSSES + ", got '" + loss + "'");
    require(labelSmoothing >= 0 && labelSmoothing < 1, "--label-smoothing must be in [0, 1), got " + labelSmoothing);
    require(flooding >= 0 && Double.isFinite(flooding), "--flooding must be >= 0, got " + flooding);
    require(focalGamma >= 0 && Double.isFinite(focalGamma), "--focal-gamma must be >= 0, got " + focalGamma);
    require(!(focalGamma > 0 && !loss.equals("focal")), "--focal-gamma needs --loss focal");
    require(alpha > 0 && Double.isFinite(alpha), "--alpha must be > 0, got " + alpha);
    require(!(alpha != 1 && !lawn()), "--alpha (logit attenuation at the switch) needs a -lawn optimizer");
    require(dev.lawn.ops.GroupSelector.NAMES.contains(groups),
        "--groups must be one of " + String.join(", ", dev.lawn.ops.GroupSelector.NAMES) + ", got '" + groups + "'");
    require(negatives >= 1, "--negatives must be >= 1, got " + negatives);
    require(validationSize >= 1, "--validation-size must be >= 1, got " + validationSize);
    require(widthMultiplier > 0 && Double.isFinite(widthMultiplier), "--width-multiplier must be > 0, got " + widthMultiplier);
    require(evalEvery >= 1, "--eval-every must be >= 1, got " + evalEvery);
    require(checkpointEvery >= 1, "--checkpoint-every must be >= 1, got " + checkpointEvery);
    require(keepCheckpoints >= 1, "--keep-checkpoints must be >= 1, got " + keepCheckpoints);
    require(threads >= 0, "--threads must be >= 0, got " + threads);
    require(AUGMENTATIONS.contains(augmentation),
        "--augmentation must be one of " + AUGMENTATIONS + ", got '" + augmentation + "'");
    dev.lawn.data.image.ImageSize.parse(imageSize); // names --image-size when malformed
    placement(); // parses --devices, --cluster, --cluster-timeout-seconds and checks --worker-input
    return this;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
