package dev.lawn.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lawn.data.image.ImageSize;
import java.nio.file.Path;

/**
 * A {@link TrainConfig} as {@code config.json} holds it: one flat snake_case object, the same keys
 * in the same order as run folders of every version (the command line's options in snake case:
 * {@code --batch-size} is {@code batch_size}). A key absent from an older file is null here and takes
 * its default in {@link #toConfig()}: {@code devices}, {@code cluster} and
 * {@code cluster_timeout_seconds} (added with data-parallel towers), {@code augmentation},
 * {@code worker_input}, {@code image_size}, {@code train_size}, {@code epsilon}, {@code clip_norm} and
 * {@code image_store} were added after the first run folders.
 */
// One component per option, in the order of the files already written: the record reads as the file.
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainConfigJson(
    String model, String data, String dataDir, String optimizer, Double lr, Integer batchSize,
    Integer microBatchSize, Integer epochs, Double warmupEpochs, String eFree, Double weightDecay, String loss,
    Double labelSmoothing, Double flooding, Double focalGamma, Double alpha, String attenuate, String groups,
    Long seed, Long splitSeed, Boolean validation, Integer validationSize, Integer negatives, Double widthMultiplier,
    Integer evalEvery, Integer checkpointEvery, Integer keepCheckpoints, Integer threads, String devices,
    String cluster, Integer clusterTimeoutSeconds, String augmentation, Boolean workerInput, String imageSize,
    Integer trainSize, Double epsilon, Double clipNorm, String imageStore) {

  /** The flat form of {@code c}. */
  public static TrainConfigJson of(TrainConfig c) {
    var m = c.model();
    var d = c.data();
    var o = c.optimizer();
    var l = c.lawn();
    var loss = c.loss();
    var p = c.placement();
    var log = c.logging();
    return new TrainConfigJson(m.name(), d.name(), d.dirText(), o.choice().toString(), o.lr(), o.batchSize(),
        o.microBatchSize(), o.epochs(), o.warmupEpochs(), l.eFree().text(), o.weightDecay(), loss.kind(),
        loss.labelSmoothing(), loss.flooding(), loss.focalGamma(), l.alpha(), l.attenuate(), l.groups(), c.seed(),
        d.splitSeed(), d.validation(), d.validationSize(), d.negatives(), m.widthMultiplier(), log.evalEvery(),
        log.checkpointEvery(), log.keepCheckpoints(), p.threads(), p.devices(), p.cluster(),
        p.clusterTimeoutSeconds(), d.augmentation().optionName(), p.workerInput(), m.imageSizeText(),
        d.trainSize(), o.epsilon(), o.clipNorm(), d.imageStore().text());
  }

  /**
   * The typed configuration: every value parsed once, absent keys at their defaults.
   *
   * @throws IllegalArgumentException naming the option of the first impossible value
   */
  public TrainConfig toConfig() {
    TrainConfigBuilder b = TrainConfig.builder();
    // Strings are set even when null where null is a value (data_dir, devices, cluster, image_size).
    if (model != null) b.model(model);
    if (data != null) b.data(data);
    b.dataDir(dataDir == null ? null : Path.of(dataDir));
    if (optimizer != null) b.optimizer(optimizer);
    if (lr != null) b.lr(lr);
    if (batchSize != null) b.batchSize(batchSize);
    if (microBatchSize != null) b.microBatchSize(microBatchSize);
    if (epochs != null) b.epochs(epochs);
    if (warmupEpochs != null) b.warmupEpochs(warmupEpochs);
    if (eFree != null) b.eFree(eFree);
    if (weightDecay != null) b.weightDecay(weightDecay);
    if (loss != null) b.loss(loss);
    if (labelSmoothing != null) b.labelSmoothing(labelSmoothing);
    if (flooding != null) b.flooding(flooding);
    if (focalGamma != null) b.focalGamma(focalGamma);
    if (alpha != null) b.alpha(alpha);
    if (attenuate != null) b.attenuate(attenuate);
    if (groups != null) b.groups(groups);
    if (seed != null) b.seed(seed);
    if (splitSeed != null) b.splitSeed(splitSeed);
    if (validation != null) b.validation(validation);
    if (validationSize != null) b.validationSize(validationSize);
    if (negatives != null) b.negatives(negatives);
    if (widthMultiplier != null) b.widthMultiplier(widthMultiplier);
    if (evalEvery != null) b.evalEvery(evalEvery);
    if (checkpointEvery != null) b.checkpointEvery(checkpointEvery);
    if (keepCheckpoints != null) b.keepCheckpoints(keepCheckpoints);
    if (threads != null) b.threads(threads);
    b.devices(devices);
    b.cluster(cluster);
    if (clusterTimeoutSeconds != null) b.clusterTimeoutSeconds(clusterTimeoutSeconds);
    if (augmentation != null) b.augmentation(augmentation);
    if (workerInput != null) b.workerInput(workerInput);
    b.imageSize(ImageSize.parse(imageSize));
    if (trainSize != null) b.trainSize(trainSize);
    if (epsilon != null) b.epsilon(epsilon);
    if (clipNorm != null) b.clipNorm(clipNorm);
    if (imageStore != null) b.imageStore(imageStore);
    return b.build();
  }
}
