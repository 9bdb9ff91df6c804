package dev.lawn.data.rec;

import dev.lawn.data.Features;
import dev.lawn.data.pipeline.ColumnSet;
import dev.lawn.data.pipeline.FloatColumn;
import dev.lawn.data.pipeline.IntColumn;

/**
 * The training rows of one epoch: each positive followed by its sampled negatives, as parallel
 * primitive arrays (label 1 = positive, 0 = negative).
 */
public record RecommendationEpoch(int[] users, int[] items, float[] labels) {

  public RecommendationEpoch {
    if (items.length != users.length || labels.length != users.length) {
      throw new IllegalArgumentException("users, items and labels differ in length");
    }
  }

  /** Number of rows. */
  public int size() {
    return users.length;
  }

  /** The rows as pipeline columns {@code user}, {@code item}, {@code label}. */
  public ColumnSet columns() {
    return ColumnSet.of(new IntColumn(Features.USER, users), new IntColumn(Features.ITEM, items),
        new FloatColumn(Features.LABEL, labels));
  }
}
