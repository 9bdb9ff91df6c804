package dev.lawn.data.image;

import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchTransform;
import dev.lawn.data.pipeline.HostBatch;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Per-channel normalization {@code (x - mean[c]) / std[c]} of the {@code image} feature: the
 * deterministic evaluation transform, and the last step of {@link ImageAugmentation}.
 *
 * @param mean per-channel mean
 * @param std per-channel standard deviation, all positive
 */
public record ChannelNormalization(float[] mean, float[] std) implements BatchTransform {

  public ChannelNormalization {
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException("mean and std need one value per channel, got " + mean.length + " and " + std.length);
    }
    for (float s : std) {
      if (!(s > 0f)) {
        throw new IllegalArgumentException("std must be positive, got " + s);
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** Normalization by the training set's own per-channel statistics (a constant std of 0 becomes 1). */
  public static ChannelNormalization fitTo(ImageDataset data) {
    float[] std = data.channelStds();
    for (int c = 0; c < std.length; c++) {
      std[c] = std[c] > 1e-6f ? std[c] : 1f;
    }
    return new ChannelNormalization(data.channelMeans(), std);
  }

  /** Number of channels. */
  public int channels() {
    return mean.length;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  @Override
  public void apply(HostBatch batch, SplittableRandom random) {
    float[] x = batch.floats(Features.IMAGE);
    int n = batch.size() * elementSize(batch);
    applyTo(x, 0, n);
  }

  /** Normalizes {@code x[from, to)}, interleaved channels starting at channel 0. */
  void applyTo(float[] x, int from, int to) {
    int channels = mean.length;
    float[] inv = new float[channels];
    for (int c = 0; c < channels; c++) {
      inv[c] = 1f / std[c];
    }
    for (int i = from; i < to; i += channels) {
      for (int c = 0; c < channels; c++) {
        x[i + c] = (x[i + c] - mean[c]) * inv[c];
      }
    }
  }

  private int elementSize(HostBatch batch) {
    long[] shape = batch.elementShape(Features.IMAGE);
    if (shape.length != 3 || shape[2] != mean.length) {
      throw new IllegalArgumentException("expected images [H,W," + mean.length + "], got element shape "
          + Arrays.toString(shape));
    }
    return Math.toIntExact(shape[0] * shape[1] * shape[2]);
  }
}
