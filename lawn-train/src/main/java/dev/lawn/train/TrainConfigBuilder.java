package dev.lawn.train;

/**
 * Named settings over a starting configuration ({@link TrainConfig#builder()}: the defaults), the
 * one way to make a {@link TrainConfig} in code. {@link #build()} does not validate: the
 * {@link Trainer} does, naming the option as on the command line. Setter names are the record's
 * components ({@code --batch-size} is {@link #batchSize(int)}).
 */
// One line per setting: the list reads as the table of options it is.
public final class TrainConfigBuilder {

  private String model;
  private String data;
  private String dataDir;
  private String optimizer;
  private double lr;
  private int batchSize;
  private int microBatchSize;
  private int epochs;
  private double warmupEpochs;
  private String eFree;
  private double weightDecay;
  private String loss;
  private double labelSmoothing;
  private double flooding;
  private double focalGamma;
  private double alpha;
  private String attenuate;
  private String groups;
  private long seed;
  private long splitSeed;
  private boolean validation;
  private int validationSize;
  private int negatives;
  private double widthMultiplier;
  private int evalEvery;
  private int checkpointEvery;
  private int keepCheckpoints;
  private int threads;
  private String devices;
  private String cluster;
  private int clusterTimeoutSeconds;
  private String augmentation;
  private boolean workerInput;
  private String imageSize;

  TrainConfigBuilder(TrainConfig from) {
    this.model = from.model();
    this.data = from.data();
    this.dataDir = from.dataDir();
    this.optimizer = from.optimizer();
    this.lr = from.lr();
    this.batchSize = from.batchSize();
    this.microBatchSize = from.microBatchSize();
    this.epochs = from.epochs();
    this.warmupEpochs = from.warmupEpochs();
    this.eFree = from.eFree();
    this.weightDecay = from.weightDecay();
    this.loss = from.loss();
    this.labelSmoothing = from.labelSmoothing();
    this.flooding = from.flooding();
    this.focalGamma = from.focalGamma();
    this.alpha = from.alpha();
    this.attenuate = from.attenuate();
    this.groups = from.groups();
    this.seed = from.seed();
    this.splitSeed = from.splitSeed();
    this.validation = from.validation();
    this.validationSize = from.validationSize();
    this.negatives = from.negatives();
    this.widthMultiplier = from.widthMultiplier();
    this.evalEvery = from.evalEvery();
    this.checkpointEvery = from.checkpointEvery();
    this.keepCheckpoints = from.keepCheckpoints();
    this.threads = from.threads();
    this.devices = from.devices();
    this.cluster = from.cluster();
    this.clusterTimeoutSeconds = from.clusterTimeoutSeconds();
    this.augmentation = from.augmentation();
    this.workerInput = from.workerInput();
    this.imageSize = from.imageSize();
  }

  public TrainConfigBuilder model(String value) { this.model = value; return this; }
  public TrainConfigBuilder data(String value) { this.data = value; return this; }
  public TrainConfigBuilder dataDir(String value) { this.dataDir = value; return this; }
  public TrainConfigBuilder optimizer(String value) { this.optimizer = value; return this; }
  public TrainConfigBuilder lr(double value) { this.lr = value; return this; }
  public TrainConfigBuilder batchSize(int value) { this.batchSize = value; return this; }
  public TrainConfigBuilder microBatchSize(int value) { this.microBatchSize = value; return this; }
  public TrainConfigBuilder epochs(int value) { this.epochs = value; return this; }
  public TrainConfigBuilder warmupEpochs(double value) { this.warmupEpochs = value; return this; }
  public TrainConfigBuilder eFree(String value) { this.eFree = value; return this; }
  public TrainConfigBuilder weightDecay(double value) { this.weightDecay = value; return this; }
  public TrainConfigBuilder loss(String value) { this.loss = value; return this; }
  public TrainConfigBuilder labelSmoothing(double value) { this.labelSmoothing = value; return this; }
  public TrainConfigBuilder flooding(double value) { this.flooding = value; return this; }
  public TrainConfigBuilder focalGamma(double value) { this.focalGamma = value; return this; }
  public TrainConfigBuilder alpha(double value) { this.alpha = value; return this; }
  public TrainConfigBuilder attenuate(String value) { this.attenuate = value; return this; }
  public TrainConfigBuilder groups(String value) { this.groups = value; return this; }
  public TrainConfigBuilder seed(long value) { this.seed = value; return this; }
  public TrainConfigBuilder splitSeed(long value) { this.splitSeed = value; return this; }
  public TrainConfigBuilder validation(boolean value) { this.validation = value; return this; }
  public TrainConfigBuilder validationSize(int value) { this.validationSize = value; return this; }
  public TrainConfigBuilder negatives(int value) { this.negatives = value; return this; }
  public TrainConfigBuilder widthMultiplier(double value) { this.widthMultiplier = value; return this; }
  public TrainConfigBuilder evalEvery(int value) { this.evalEvery = value; return this; }
  public TrainConfigBuilder checkpointEvery(int value) { this.checkpointEvery = value; return this; }
  public TrainConfigBuilder keepCheckpoints(int value) { this.keepCheckpoints = value; return this; }
  public TrainConfigBuilder threads(int value) { this.threads = value; return this; }
  public TrainConfigBuilder devices(String value) { this.devices = value; return this; }
  public TrainConfigBuilder cluster(String value) { this.cluster = value; return this; }
  public TrainConfigBuilder clusterTimeoutSeconds(int value) { this.clusterTimeoutSeconds = value; return this; }
  public TrainConfigBuilder augmentation(String value) { this.augmentation = value; return this; }
  public TrainConfigBuilder workerInput(boolean value) { this.workerInput = value; return this; }
  public TrainConfigBuilder imageSize(String value) { this.imageSize = value; return this; }

  /** The configuration (not validated). */
  public TrainConfig build() {
    return new TrainConfig(model, data, dataDir, optimizer, lr, batchSize, microBatchSize, epochs, warmupEpochs, eFree, weightDecay, loss, labelSmoothing, flooding, focalGamma, alpha, attenuate, groups, seed, splitSeed, validation, validationSize, negatives, widthMultiplier, evalEvery, checkpointEvery, keepCheckpoints, threads, devices, cluster, clusterTimeoutSeconds, augmentation, workerInput, imageSize);
  }
}
