package dev.lawn.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Tensor;

/**
 * One batch of ready-to-feed TensorFlow tensors keyed by feature name. The batch owns its tensors:
 * closing it closes them. Batches are built by the pipeline (in its background thread when
 * prefetching), so the training thread only feeds them.
 *
 * <p>Feature names: recommendation batches carry {@code "user"} (TInt32 [B]), {@code "item"}
 * (TInt32 [B]) and {@code "label"} (TFloat32 [B], 1 = positive); image batches carry {@code "image"}
 * (TFloat32 [B,H,W,C], normalized) and {@code "label"} (TInt32 [B]).
 */
public final class Batch implements AutoCloseable {

  private final Map<String, Tensor> tensors;
  private final int size;
  private final int epoch;
  private final int index;
  private boolean closed;

  /**
   * @param tensors tensors by feature name, each with {@code size} as its first dimension; the batch
   *     takes ownership
   * @param size number of examples
   * @param epoch epoch this batch belongs to
   * @param index 0-based position of the batch within its epoch
   */
  public Batch(Map<String, ? extends Tensor> tensors, int size, int epoch, int index) {
    if (tensors.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one tensor");
    }
    for (Map.Entry<String, ? extends Tensor> e : tensors.entrySet()) {
      long first = e.getValue().shape().numDimensions() == 0 ? -1 : e.getValue().shape().get(0);
      if (first != size) {
        throw new IllegalArgumentException(
            "tensor '" + e.getKey() + "' has shape " + e.getValue().shape() + ", expected first dimension " + size);
      }
    }
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    this.size = size;
    this.epoch = epoch;
    this.index = index;
  }

  /** Tensors by feature name, in a stable order. Valid until {@link #close()}. */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** The tensor of one feature, typed. */
  public <T extends Tensor> T tensor(String feature, Class<T> type) {
    Tensor t = tensors.get(feature);
    if (t == null) {
      throw new IllegalArgumentException("no feature '" + feature + "' in batch; features: " + tensors.keySet());
    }
    return type.cast(t);
  }

  /** Number of examples in this batch. */
  public int size() {
    return size;
  }

  /** The epoch this batch belongs to. */
  public int epoch() {
    return epoch;
  }

  /** 0-based index of this batch within its epoch. */
  public int index() {
    return index;
  }

  /** Closes every tensor. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Tensor t : tensors.values()) {
      t.close();
    }
  }
}
