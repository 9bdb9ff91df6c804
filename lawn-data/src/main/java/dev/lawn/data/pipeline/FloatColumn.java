package dev.lawn.data.pipeline;

/**
 * A float32 feature. The array is shared, not copied: do not modify it while a pipeline reads it.
 *
 * @param name feature name
 * @param data values, row-major
 * @param elementShape shape of one row (none for scalars)
 */
public record FloatColumn(String name, float[] data, long... elementShape) implements Column {

  public FloatColumn {
    Column.check(name, data.length, elementShape);
    elementShape = elementShape.clone();
  }

  @Override
  public long[] elementShape() {
    return elementShape.clone();
  }

  @Override
  public int rows() {
    return data.length / elementSize();
  }
}
