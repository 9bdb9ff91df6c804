package dev.lawn.data.image;

import dev.lawn.data.pipeline.BatchTransform;
import dev.lawn.data.pipeline.Pipeline;

/** Ready-made training and evaluation pipelines for an {@link ImageDataset}. */
public final class ImagePipelines {

  private ImagePipelines() {}

  /**
   * Shuffled, augmented training batches ({@code image} [B,H,W,C] normalized, {@code label} [B]),
   * built in the background; the augmentation ({@link ImageAugmentation}, {@link RandomResizedCrop})
   * normalizes last.
   */
  public static Pipeline training(ImageDataset data, BatchTransform augmentation, long seed, int batchSize,
      boolean dropRemainder, int prefetchDepth) {
    return Pipeline.from(data.trainColumns()).shuffle(seed).map(augmentation).batch(batchSize, dropRemainder)
        .prefetch(prefetchDepth);
  }

  /** Deterministic evaluation batches of the test split: fixed order, normalization only, all examples. */
  public static Pipeline evaluation(ImageDataset data, ChannelNormalization normalization, int batchSize,
      int prefetchDepth) {
    return evaluation(data, null, normalization, batchSize, prefetchDepth);
  }

  /**
   * Deterministic evaluation batches of the test split, each image first viewed through {@code crop}
   * (a model trained on random resized crops is evaluated on {@link CenterCrop#STANDARD}), or not for
   * null, then normalized.
   */
  public static Pipeline evaluation(ImageDataset data, CenterCrop crop, ChannelNormalization normalization,
      int batchSize, int prefetchDepth) {
    Pipeline p = Pipeline.from(data.testColumns());
    if (crop != null) {
      p = p.map(crop);
    }
    return p.map(normalization).batch(batchSize, false).prefetch(prefetchDepth);
  }
}
