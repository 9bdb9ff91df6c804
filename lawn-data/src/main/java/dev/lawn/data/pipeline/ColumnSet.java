package dev.lawn.data.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Columns of equal row count with distinct names: the in-memory table a pipeline slices, like the
 * tuple of arrays given to {@code tf.data.Dataset.from_tensor_slices}.
 *
 * @param columns the features, in the order their tensors appear in a batch
 */
public record ColumnSet(List<Column> columns) {

  public ColumnSet {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a column set needs at least one column");
    }
    columns = List.copyOf(columns);
    int rows = columns.get(0).rows();
    Set<String> names = new HashSet<>();
    for (Column c : columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
      }
      if (c.rows() != rows) {
        throw new IllegalArgumentException("column '" + c.name() + "' has " + c.rows() + " rows, column '"
            + columns.get(0).name() + "' has " + rows);
      }
    }
  }

  /** Convenience constructor. */
  public static ColumnSet of(Column... columns) {
    return new ColumnSet(List.of(columns));
  }

  /** Number of rows (examples). */
  public int rows() {
    return columns.get(0).rows();
  }
}
