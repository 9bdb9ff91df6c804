package dev.lawn.data.pipeline;

import java.util.Objects;

/**
 * A float32 feature whose rows are not stored but made when a batch is gathered: decoded from files
 * (an image folder too large to hold as floats), computed, or fetched. The pipeline asks for each
 * batch's rows at once, in batch order, so that a decoder can work on them in parallel; what it
 * writes must depend only on the row numbers, so that an epoch stays a pure function of (seed, epoch).
 */
public final class DecodedColumn implements Column {

  /** Makes the rows of a batch. */
  @FunctionalInterface
  public interface RowDecoder {

    /**
     * Writes row {@code rows[i]} to {@code out[i * elementSize, (i + 1) * elementSize)} for each
     * {@code i < count}. Called from the pipeline's producer thread, one batch at a time per pipeline;
     * two pipelines over one column may call it at the same time.
     *
     * @throws RuntimeException naming the row's source (e.g. a {@code DataFormatException} with its file)
     *     when a row cannot be made; the consumer sees it at that batch
     */
    void decode(int[] rows, int count, float[] out);
  }

  private final String name;
  private final int rows;
  private final long[] elementShape;
  private final RowDecoder decoder;

  /**
   * @param name feature name
   * @param rows number of rows
   * @param decoder makes the rows of a batch
   * @param elementShape shape of one row (none for scalars)
   */
  public DecodedColumn(String name, int rows, RowDecoder decoder, long... elementShape) {
    if (rows < 0) {
      throw new IllegalArgumentException("column '" + name + "': rows must be >= 0, got " + rows);
    }
    Column.check(name, 0, elementShape);
    this.name = name;
    this.rows = rows;
    this.elementShape = elementShape.clone();
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long[] elementShape() {
    return elementShape.clone();
  }

  @Override
  public int rows() {
    return rows;
  }

  /** Makes rows {@code rows[0..count)} into {@code out}, as {@link RowDecoder#decode} says. */
  public void decode(int[] rows, int count, float[] out) {
    decoder.decode(rows, count, out);
  }
}
