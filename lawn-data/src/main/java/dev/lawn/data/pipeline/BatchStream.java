package dev.lawn.data.pipeline;

/**
 * An epoch-oriented source of batches, the contract between the data pipelines and the trainer.
 *
 * <p>The order and content of epoch {@code e} depend only on (seed, e): a run resumed at epoch
 * {@code e} sees exactly the batches it would have seen without the interruption.
 */
public interface BatchStream {

  /** Examples per batch (the last batch of an epoch may be smaller unless {@link #dropRemainder()}). */
  int batchSize();

  /** Whether a final partial batch is dropped. */
  boolean dropRemainder();

  /** Examples per epoch, before batching. */
  int rowsPerEpoch();

  /** Batches per epoch. */
  default int batchesPerEpoch() {
    int full = rowsPerEpoch() / batchSize();
    return dropRemainder() || rowsPerEpoch() % batchSize() == 0 ? full : full + 1;
  }

  /** Examples an epoch trains on: {@link #rowsPerEpoch()} less a final partial batch that is dropped. */
  default int rowsTrainedPerEpoch() {
    return dropRemainder() ? batchesPerEpoch() * batchSize() : rowsPerEpoch();
  }

  /** The batches of one epoch. */
  default BatchIterator epoch(int epoch) {
    return epochs(epoch, 1);
  }

  /**
   * The batches of epochs {@code first, first + 1, ..., first + count - 1} as one stream (tf.data's
   * {@code repeat}). A prefetching stream keeps producing across epoch boundaries, so the first batch
   * of an epoch (including any per-epoch sampling) is ready when the trainer asks for it.
   */
  BatchIterator epochs(int first, int count);
}
