package dev.lawn.data.image;

import dev.lawn.data.Features;
import dev.lawn.data.HostThreads;
import dev.lawn.data.pipeline.BatchTransform;
import dev.lawn.data.pipeline.HostBatch;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The evaluation view of a model trained on random resized crops: the central {@code fraction} of
 * each side, resampled bilinearly (half-pixel centres, as {@link RandomResizedCrop}) back to the
 * image's size. ImageNet's usual evaluation (resize to 256, crop the central 224) is
 * {@link #STANDARD}. Serving applies the same crop (the SavedModel's {@code model.json} records it),
 * so that a prediction sees what the evaluation saw.
 *
 * @param fraction the share of each side kept, in (0, 1]
 * @param threads the threads a batch's images are cropped on (the result does not depend on it)
 */
public record CenterCrop(double fraction, HostThreads threads) implements BatchTransform {

  /** 224 / 256: ImageNet's usual evaluation crop. */
  public static final double STANDARD = 0.875;

  public CenterCrop {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("centre crop fraction must be in (0, 1], got " + fraction);
    }
    Objects.requireNonNull(threads, "threads");
  }

  /** The crop on every core ({@link HostThreads#ALL_CORES}). */
  public CenterCrop(double fraction) {
    this(fraction, HostThreads.ALL_CORES);
  }

  /** The same crop on {@code threads}. */
  public CenterCrop withThreads(HostThreads threads) {
    return new CenterCrop(fraction, threads);
  }

  /** The central box of an {@code h x w} image. */
  RandomResizedCrop.Box box(int h, int w) {
    int bh = Math.max(1, (int) Math.round(h * fraction));
    int bw = Math.max(1, (int) Math.round(w * fraction));
    return new RandomResizedCrop.Box((h - bh) / 2, (w - bw) / 2, bh, bw);
  }

  /** Crops {@code count} NHWC images of {@code images} in place. */
  public void applyTo(float[] images, int count, int h, int w, int c) {
    RandomResizedCrop.Box box = box(h, w);
    ImageParallelism.transformEach(images, count, h * w * c, null, threads, (i, base, out) -> {
      RandomResizedCrop.resample(images, base, h, w, c, box, false, out);
      return true;
    });
  }

  @Override
  public void apply(HostBatch batch, SplittableRandom random) {
    long[] shape = batch.elementShape(Features.IMAGE);
    applyTo(batch.floats(Features.IMAGE), batch.size(), (int) shape[0], (int) shape[1], (int) shape[2]);
  }
}
