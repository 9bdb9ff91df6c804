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
   *
   * <p>A {@link RandomResizedCrop} of a data set {@linkplain ImageDataset#streamed() read from its
   * files} cuts its boxes from the original JPEGs while they are decoded
   * ({@link ImageDataset#trainColumnsCropped}), then flips and normalizes: a small box keeps the
   * file's detail instead of being enlarged from the image at its training size, as held images
   * are. Its batches therefore differ from those of the same folder held in memory.
   */
  public static Pipeline training(ImageDataset data, BatchTransform augmentation, long seed, int batchSize,
      boolean dropRemainder, int prefetchDepth) {
    Pipeline source;
    BatchTransform rest = augmentation;
    if (data.streamed() && augmentation instanceof RandomResizedCrop crop) {
      source = Pipeline.from(data.trainColumnsCropped(crop));
      rest = new ImageAugmentation(0, crop.horizontalFlip(), crop.normalization(), crop.threads());
    } else {
      source = Pipeline.from(data.trainColumns());
    }
    return source.shuffle(seed).map(rest).batch(batchSize, dropRemainder).prefetch(prefetchDepth);
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
