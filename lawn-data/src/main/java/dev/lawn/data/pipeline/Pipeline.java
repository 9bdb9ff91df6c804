package dev.lawn.data.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tf.data-style input pipeline over in-memory primitive columns, immutable and built by chaining:
 *
 * <pre>{@code
 * BatchStream stream = Pipeline.from(columns)
 *     .shuffle(seed)            // full-buffer seeded Fisher-Yates, a new order each epoch
 *     .map(augmentation)        // in-place transform of each gathered batch
 *     .batch(256, false)        // batch size, drop remainder
 *     .prefetch(2);             // background producer, bounded queue of ready tensors
 * try (BatchIterator it = stream.epochs(startEpoch, epochs)) { ... }  // repeat
 * }</pre>
 *
 * <p>Why a Java producer rather than TensorFlow's dataset ops: measured with
 * {@code dev.lawn.bench.pipeline.PipelineBenchmark --compare-tf-data} (figures in this module's
 * README), the Java gather + one bulk copy per tensor is about two orders of magnitude faster than
 * TensorSliceDataset/ShuffleDataset/BatchDataset, which work element by element; NCF needs Java-side
 * negative sampling every epoch anyway; and the order of an epoch stays a pure function of
 * (seed, epoch). {@code map} runs on whole batches, after gathering, whatever its place in the chain.
 */
public final class Pipeline implements BatchStream {

  /** Default {@code prefetch} depth: enough to hide one slow batch, small enough to bound memory. */
  public static final int DEFAULT_PREFETCH_DEPTH = 2;

  private final EpochSource source;
  private final boolean shuffled;
  private final long seed;
  private final List<BatchTransform> transforms;
  private final int batchSize;
  private final boolean dropRemainder;
  private final int prefetchDepth;

  private Pipeline(EpochSource source, boolean shuffled, long seed, List<BatchTransform> transforms,
      int batchSize, boolean dropRemainder, int prefetchDepth) {
    this.source = source;
    this.shuffled = shuffled;
    this.seed = seed;
    this.transforms = List.copyOf(transforms);
    this.batchSize = batchSize;
    this.dropRemainder = dropRemainder;
    this.prefetchDepth = prefetchDepth;
  }

  /** A pipeline over fixed columns (the same rows every epoch). */
  public static Pipeline from(ColumnSet columns) {
    return from(EpochSource.fixed(columns));
  }

  /** A pipeline over a source that may give new rows every epoch. */
  public static Pipeline from(EpochSource source) {
    Objects.requireNonNull(source, "source");
    if (source.rowsPerEpoch() < 0) {
      throw new IllegalArgumentException("rowsPerEpoch must be >= 0, got " + source.rowsPerEpoch());
    }
    return new Pipeline(source, false, 0L, List.of(), 0, false, 0);
  }

  /** Shuffles all rows each epoch with a permutation that depends only on (seed, epoch). */
  public Pipeline shuffle(long seed) {
    return new Pipeline(source, true, seed, transforms, batchSize, dropRemainder, prefetchDepth);
  }

  /** Sets the seed of the transforms' random generators without shuffling (e.g. a fixed-order pipeline). */
  public Pipeline seed(long seed) {
    return new Pipeline(source, shuffled, seed, transforms, batchSize, dropRemainder, prefetchDepth);
  }

  /** Adds a transform applied to each batch, after the ones already added. */
  public Pipeline map(BatchTransform transform) {
    List<BatchTransform> more = new ArrayList<>(transforms);
    more.add(Objects.requireNonNull(transform, "transform"));
    return new Pipeline(source, shuffled, seed, more, batchSize, dropRemainder, prefetchDepth);
  }

  /**
   * Groups rows into batches.
   *
   * @param size examples per batch, at least 1
   * @param dropRemainder drop a final batch smaller than {@code size}
   */
  public Pipeline batch(int size, boolean dropRemainder) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + size);
    }
    return new Pipeline(source, shuffled, seed, transforms, size, dropRemainder, prefetchDepth);
  }

  /**
   * Builds batches in a background thread, keeping up to {@code depth} ready ones; 0 builds them in
   * the consumer's thread.
   */
  public Pipeline prefetch(int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("prefetch depth must be >= 0, got " + depth);
    }
    return new Pipeline(source, shuffled, seed, transforms, batchSize, dropRemainder, depth);
  }

  @Override
  public int batchSize() {
    requireBatched();
    return batchSize;
  }

  @Override
  public boolean dropRemainder() {
    return dropRemainder;
  }

  @Override
  public int rowsPerEpoch() {
    return source.rowsPerEpoch();
  }

  @Override
  public BatchIterator epochs(int first, int count) {
    requireBatched();
    if (first < 0) {
      throw new IllegalArgumentException("first epoch must be >= 0, got " + first);
    }
    if (count < 0) {
      throw new IllegalArgumentException("epoch count must be >= 0, got " + count);
    }
    BatchProducer producer = new BatchProducer(this, first, count);
    return prefetchDepth == 0 ? new SynchronousBatchIterator(producer)
        : new PrefetchingBatchIterator(producer, prefetchDepth);
  }

  /** Prefetch depth (0 = none). */
  public int prefetchDepth() {
    return prefetchDepth;
  }

  /** Whether rows are shuffled each epoch. */
  public boolean shuffled() {
    return shuffled;
  }

  /** Seed of the shuffle and of the transforms' generators. */
  public long seed() {
    return seed;
  }

  EpochSource source() {
    return source;
  }

  List<BatchTransform> transforms() {
    return transforms;
  }

  private void requireBatched() {
    if (batchSize == 0) {
      throw new IllegalStateException("call batch(size, dropRemainder) before iterating");
    }
  }
}
