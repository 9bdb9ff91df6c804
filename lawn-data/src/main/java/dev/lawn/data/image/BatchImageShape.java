package dev.lawn.data.image;

import dev.lawn.data.Features;
import dev.lawn.data.pipeline.HostBatch;

/**
 * The shape of one image of a batch's {@code image} feature, checked against the normalization an
 * augmentation ends with: what every image augmentation reads first.
 *
 * @param height rows
 * @param width columns
 * @param channels values per pixel
 */
record BatchImageShape(int height, int width, int channels) {

  /**
   * @throws IllegalArgumentException when the images' channels differ from the normalization's
   */
  static BatchImageShape of(HostBatch batch, ChannelNormalization normalization) {
    long[] shape = batch.elementShape(Features.IMAGE);
    BatchImageShape s = new BatchImageShape((int) shape[0], (int) shape[1], (int) shape[2]);
    if (s.channels() != normalization.channels()) {
      throw new IllegalArgumentException("images have " + s.channels() + " channels, normalization has "
          + normalization.channels());
    }
    return s;
  }

  /** Floats per image. */
  int size() {
    return height * width * channels;
  }
}
