package dev.lawn.train;

import dev.lawn.data.image.ImageSize;
import dev.lawn.data.image.ImageStore;
import dev.lawn.train.config.Augmentation;
import dev.lawn.train.config.DataSettings;
import dev.lawn.train.config.EFree;
import dev.lawn.train.config.LawnChoice;
import dev.lawn.train.config.LoggingSettings;
import dev.lawn.train.config.LossSettings;
import dev.lawn.train.config.ModelSettings;
import dev.lawn.train.config.OptimizerChoice;
import dev.lawn.train.config.OptimizerSettings;
import dev.lawn.train.config.PlacementSettings;
import java.nio.file.Path;

/**
 * Named settings over a starting configuration ({@link TrainConfig#builder()}: the defaults), for code
 * that changes a few options. Setter names are the command line's options in camel case
 * ({@code --batch-size} is {@link #batchSize(int)}). The names a user types ({@code --optimizer},
 * {@code --e-free}, {@code --augmentation}) are parsed when set, so a bad one fails at its setter;
 * {@link #build()} makes the typed settings, whose constructors check every value.
 */
// One line per setting: the list reads as the table of options it is.
public final class TrainConfigBuilder {

  private String model;
  private double widthMultiplier;
  private ImageSize imageSize;
  private String data;
  private Path dataDir;
  private boolean validation;
  private int validationSize;
  private int negatives;
  private long splitSeed;
  private Augmentation augmentation;
  private int trainSize;
  private ImageStore imageStore;
  private double epsilon;
  private double clipNorm;
  private OptimizerChoice optimizer;
  private double lr;
  private int batchSize;
  private int microBatchSize;
  private int epochs;
  private double warmupEpochs;
  private double weightDecay;
  private EFree eFree;
  private double alpha;
  private String attenuate;
  private String groups;
  private String loss;
  private double labelSmoothing;
  private double flooding;
  private double focalGamma;
  private String devices;
  private String cluster;
  private int clusterTimeoutSeconds;
  private boolean workerInput;
  private int threads;
  private int evalEvery;
  private int checkpointEvery;
  private int keepCheckpoints;
  private long seed;

  TrainConfigBuilder(TrainConfig from) {
    model(from.model()).data(from.data()).optimizer(from.optimizer()).lawn(from.lawn()).loss(from.loss())
        .placement(from.placement()).logging(from.logging()).seed(from.seed());
  }

  /** Every model setting at once. */
  public TrainConfigBuilder model(ModelSettings m) {
    return model(m.name()).widthMultiplier(m.widthMultiplier()).imageSize(m.imageSize());
  }

  /** Every data setting at once. */
  public TrainConfigBuilder data(DataSettings d) {
    return data(d.name()).dataDir(d.dir()).validation(d.validation()).validationSize(d.validationSize())
        .negatives(d.negatives()).splitSeed(d.splitSeed()).augmentation(d.augmentation())
        .trainSize(d.trainSize()).imageStore(d.imageStore());
  }

  /** Every optimizer setting at once. */
  public TrainConfigBuilder optimizer(OptimizerSettings o) {
    return optimizer(o.choice()).lr(o.lr()).batchSize(o.batchSize()).microBatchSize(o.microBatchSize())
        .epochs(o.epochs()).warmupEpochs(o.warmupEpochs()).weightDecay(o.weightDecay()).epsilon(o.epsilon())
        .clipNorm(o.clipNorm());
  }

  /** Every LAWN setting at once. */
  public TrainConfigBuilder lawn(LawnChoice l) {
    return eFree(l.eFree()).alpha(l.alpha()).attenuate(l.attenuate()).groups(l.groups());
  }

  /** Every loss setting at once. */
  public TrainConfigBuilder loss(LossSettings l) {
    return loss(l.kind()).labelSmoothing(l.labelSmoothing()).flooding(l.flooding()).focalGamma(l.focalGamma());
  }

  /** Every placement setting at once. */
  public TrainConfigBuilder placement(PlacementSettings p) {
    return devices(p.devices()).cluster(p.cluster()).clusterTimeoutSeconds(p.clusterTimeoutSeconds())
        .workerInput(p.workerInput()).threads(p.threads());
  }

  /** Every logging setting at once. */
  public TrainConfigBuilder logging(LoggingSettings l) {
    return evalEvery(l.evalEvery()).checkpointEvery(l.checkpointEvery()).keepCheckpoints(l.keepCheckpoints());
  }

  public TrainConfigBuilder model(String value) { this.model = value; return this; }
  public TrainConfigBuilder widthMultiplier(double value) { this.widthMultiplier = value; return this; }
  public TrainConfigBuilder imageSize(ImageSize value) { this.imageSize = value; return this; }
  public TrainConfigBuilder data(String value) { this.data = value; return this; }
  public TrainConfigBuilder dataDir(Path value) { this.dataDir = value; return this; }
  /** {@code --data-dir} as text (null: searched in the default places). */
  public TrainConfigBuilder dataDir(String value) { return dataDir(value == null ? null : Path.of(value)); }
  public TrainConfigBuilder validation(boolean value) { this.validation = value; return this; }
  public TrainConfigBuilder validationSize(int value) { this.validationSize = value; return this; }
  public TrainConfigBuilder trainSize(int value) { this.trainSize = value; return this; }
  public TrainConfigBuilder imageStore(ImageStore value) { this.imageStore = value; return this; }
  /** Parses {@code --image-store}. */
  public TrainConfigBuilder imageStore(String value) { return imageStore(ImageStore.parse(value, "--image-store")); }
  public TrainConfigBuilder epsilon(double value) { this.epsilon = value; return this; }
  public TrainConfigBuilder clipNorm(double value) { this.clipNorm = value; return this; }
  public TrainConfigBuilder negatives(int value) { this.negatives = value; return this; }
  public TrainConfigBuilder splitSeed(long value) { this.splitSeed = value; return this; }
  public TrainConfigBuilder augmentation(Augmentation value) { this.augmentation = value; return this; }
  /** Parses {@code --augmentation}. */
  public TrainConfigBuilder augmentation(String value) { return augmentation(Augmentation.parse(value)); }
  public TrainConfigBuilder optimizer(OptimizerChoice value) { this.optimizer = value; return this; }
  /** Parses {@code --optimizer} ({@code adam}, {@code adam-lawn}, ...). */
  public TrainConfigBuilder optimizer(String value) { return optimizer(OptimizerChoice.parse(value)); }
  public TrainConfigBuilder lr(double value) { this.lr = value; return this; }
  public TrainConfigBuilder batchSize(int value) { this.batchSize = value; return this; }
  public TrainConfigBuilder microBatchSize(int value) { this.microBatchSize = value; return this; }
  public TrainConfigBuilder epochs(int value) { this.epochs = value; return this; }
  public TrainConfigBuilder warmupEpochs(double value) { this.warmupEpochs = value; return this; }
  public TrainConfigBuilder weightDecay(double value) { this.weightDecay = value; return this; }
  public TrainConfigBuilder eFree(EFree value) { this.eFree = value; return this; }
  /** Parses {@code --e-free} ({@code 5}, {@code steps:100}, {@code auto}, {@code hoffer}, ...). */
  public TrainConfigBuilder eFree(String value) { return eFree(EFree.parse(value)); }
  public TrainConfigBuilder alpha(double value) { this.alpha = value; return this; }
  public TrainConfigBuilder attenuate(String value) { this.attenuate = value; return this; }
  public TrainConfigBuilder groups(String value) { this.groups = value; return this; }
  public TrainConfigBuilder loss(String value) { this.loss = value; return this; }
  public TrainConfigBuilder labelSmoothing(double value) { this.labelSmoothing = value; return this; }
  public TrainConfigBuilder flooding(double value) { this.flooding = value; return this; }
  public TrainConfigBuilder focalGamma(double value) { this.focalGamma = value; return this; }
  public TrainConfigBuilder devices(String value) { this.devices = value; return this; }
  public TrainConfigBuilder cluster(String value) { this.cluster = value; return this; }
  public TrainConfigBuilder clusterTimeoutSeconds(int value) { this.clusterTimeoutSeconds = value; return this; }
  public TrainConfigBuilder workerInput(boolean value) { this.workerInput = value; return this; }
  public TrainConfigBuilder threads(int value) { this.threads = value; return this; }
  public TrainConfigBuilder evalEvery(int value) { this.evalEvery = value; return this; }
  public TrainConfigBuilder checkpointEvery(int value) { this.checkpointEvery = value; return this; }
  public TrainConfigBuilder keepCheckpoints(int value) { this.keepCheckpoints = value; return this; }
  public TrainConfigBuilder seed(long value) { this.seed = value; return this; }

  /**
   * The configuration.
   *
   * @throws IllegalArgumentException naming the option of the first impossible value
   */
  public TrainConfig build() {
    return new TrainConfig(new ModelSettings(model, widthMultiplier, imageSize),
        new DataSettings(data, dataDir, validation, validationSize, negatives, splitSeed, augmentation, trainSize,
            imageStore),
        new OptimizerSettings(optimizer, lr, batchSize, microBatchSize, epochs, warmupEpochs, weightDecay, epsilon, clipNorm),
        new LawnChoice(eFree, alpha, attenuate, groups),
        new LossSettings(loss, labelSmoothing, flooding, focalGamma),
        new PlacementSettings(devices, cluster, clusterTimeoutSeconds, workerInput, threads),
        new LoggingSettings(evalEvery, checkpointEvery, keepCheckpoints), seed);
  }
}
