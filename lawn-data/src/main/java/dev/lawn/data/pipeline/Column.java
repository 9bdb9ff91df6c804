package dev.lawn.data.pipeline;

/**
 * One named feature of a data set, stored as a flat primitive array, row-major (row {@code r} occupies
 * {@code [r * elementSize(), (r + 1) * elementSize())}), or made batch by batch ({@link DecodedColumn}).
 * Primitive storage keeps the hot paths (gather, augment, tensor copy) free of boxing.
 */
public sealed interface Column permits IntColumn, FloatColumn, DecodedColumn {

  /** Feature name, the key of the resulting tensor in a {@link dev.lawn.data.Batch}. */
  String name();

  /** Shape of one row (empty for scalars), e.g. {@code [28, 28, 1]} for an MNIST image. */
  long[] elementShape();

  /** Number of primitive values in one row: the product of {@link #elementShape()}. */
  default int elementSize() {
    long n = 1;
    for (long d : elementShape()) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  /** Number of rows. */
  int rows();

  /** Validates the common invariants; called by the implementations' constructors. */
  static void check(String name, int length, long[] elementShape) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("column name must not be empty");
    }
    long size = 1;
    for (long d : elementShape) {
      if (d <= 0) {
        throw new IllegalArgumentException("column '" + name + "': element dimensions must be positive, got " + d);
      }
      size *= d;
    }
    if (length % size != 0) {
      throw new IllegalArgumentException(
          "column '" + name + "': array length " + length + " is not a multiple of the element size " + size);
    }
  }
}
