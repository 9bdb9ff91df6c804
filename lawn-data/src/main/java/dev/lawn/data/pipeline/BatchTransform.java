package dev.lawn.data.pipeline;

import java.util.SplittableRandom;

/**
 * The {@code map} of a pipeline: a function applied in place to each gathered batch before its
 * tensors are built. It runs on whole batches (tf.data's "vectorized map") so that per-example work
 * is a plain loop over primitive arrays, in the producer thread.
 */
@FunctionalInterface
public interface BatchTransform {

  /**
   * Transforms the batch in place.
   *
   * @param batch the gathered batch
   * @param random a generator seeded by (pipeline seed, epoch, batch index): use it for every random
   *     choice so that results are reproducible
   */
  void apply(HostBatch batch, SplittableRandom random);
}
