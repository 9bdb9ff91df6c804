package dev.lawn.data.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch while it is still in Java arrays: gathered from the columns, about to be transformed
 * ({@link BatchTransform}) and copied into tensors. The arrays are scratch space reused from batch to
 * batch and may be longer than {@code size() * elementSize}; only that prefix is meaningful.
 */
public final class HostBatch {

  private final Map<String, Object> arrays = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private int size;
  private int epoch;
  private int index;

  HostBatch(List<Column> layout, int capacity) {
    for (Column c : layout) {
      int n = Math.multiplyExact(capacity, c.elementSize());
      arrays.put(c.name(), c instanceof IntColumn ? new int[n] : new float[n]);
      shapes.put(c.name(), c.elementShape());
    }
  }

  void reset(int size, int epoch, int index) {
    this.size = size;
    this.epoch = epoch;
    this.index = index;
  }

  /** Number of examples in the batch. */
  public int size() {
    return size;
  }

  /** The epoch the batch belongs to. */
  public int epoch() {
    return epoch;
  }

  /** 0-based index of the batch in its epoch. */
  public int index() {
    return index;
  }

  /** Feature names, in column order. */
  public Iterable<String> names() {
    return arrays.keySet();
  }

  /** Shape of one example of a feature. */
  public long[] elementShape(String name) {
    return shape(name).clone();
  }

  /** The scratch array of an int32 feature (transforms may modify it in place). */
  public int[] ints(String name) {
    Object a = array(name);
    if (!(a instanceof int[] ints)) {
      throw new IllegalArgumentException("feature '" + name + "' is float32, not int32");
    }
    return ints;
  }

  /** The scratch array of a float32 feature (transforms may modify it in place). */
  public float[] floats(String name) {
    Object a = array(name);
    if (!(a instanceof float[] floats)) {
      throw new IllegalArgumentException("feature '" + name + "' is int32, not float32");
    }
    return floats;
  }

  /** Puts {@code array} (of the feature's type and length) in place of the feature's scratch array; returns the old one. */
  Object swap(String name, Object array) {
    Object old = array(name);
    arrays.put(name, array);
    return old;
  }

  Object array(String name) {
    Object a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no feature '" + name + "'; features: " + arrays.keySet());
    }
    return a;
  }

  long[] shape(String name) {
    array(name);
    return shapes.get(name);
  }
}
