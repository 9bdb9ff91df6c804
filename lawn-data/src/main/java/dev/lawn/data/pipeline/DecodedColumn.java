package dev.lawn.data.pipeline;

import dev.lawn.data.Seeds;
import java.util.Objects;

/**
 * A float32 feature whose rows are not stored but made when a batch is gathered: decoded from files
 * (an image folder too large to hold as floats), computed, or fetched. The pipeline asks for each
 * batch's rows at once, in batch order, so that a decoder can work on them in parallel; what it
 * writes must depend only on the row numbers and, for a {@link SeededRowDecoder} that makes random
 * choices while decoding (a crop cut from the original file), on the batch's seed, so that an epoch
 * stays a pure function of (seed, epoch).
 */
public final class DecodedColumn implements Column {

  /** Names the decoders' streams among the pipeline's other uses of its seed. */
  private static final long DECODE_STREAM = 0x444543L;

  /**
   * The seed the pipeline gives a {@link SeededRowDecoder} for batch {@code batch} of epoch
   * {@code epoch}: derived from the pipeline's seed, apart from the transforms' generator.
   */
  public static long batchSeed(long pipelineSeed, int epoch, int batch) {
    return Seeds.derive(pipelineSeed, DECODE_STREAM, epoch, batch);
  }

  /** Makes the rows of a batch with random choices of its own (e.g. a random crop of each file). */
  @FunctionalInterface
  public interface SeededRowDecoder {

    /**
     * As {@link RowDecoder#decode}, with the batch's seed ({@link #batchSeed}): whatever is drawn
     * must come from it (and the row numbers) alone.
     */
    void decode(int[] rows, int count, float[] out, long seed);
  }

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
  private final SeededRowDecoder decoder;

  /**
   * @param name feature name
   * @param rows number of rows
   * @param decoder makes the rows of a batch
   * @param elementShape shape of one row (none for scalars)
   */
  public DecodedColumn(String name, int rows, RowDecoder decoder, long... elementShape) {
    this(name, rows, seeded(decoder), elementShape);
  }

  /**
   * A column whose decoder draws from each batch's seed.
   *
   * @param name feature name
   * @param rows number of rows
   * @param decoder makes the rows of a batch from the batch's seed
   * @param elementShape shape of one row (none for scalars)
   */
  public DecodedColumn(String name, int rows, SeededRowDecoder decoder, long... elementShape) {
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

  private static SeededRowDecoder seeded(RowDecoder decoder) {
    Objects.requireNonNull(decoder, "decoder");
    return (rows, count, out, seed) -> decoder.decode(rows, count, out);
  }

  /**
   * Makes rows {@code rows[0..count)} into {@code out}, as {@link SeededRowDecoder#decode} says
   * ({@code seed}: the batch's {@link #batchSeed}; a plain {@link RowDecoder} ignores it).
   */
  public void decode(int[] rows, int count, float[] out, long seed) {
    decoder.decode(rows, count, out, seed);
  }
}
