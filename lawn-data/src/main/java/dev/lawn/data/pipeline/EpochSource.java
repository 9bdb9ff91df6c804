package dev.lawn.data.pipeline;

/**
 * The rows of each epoch. Most data sets give the same rows every epoch; NCF training gives new
 * sampled negatives every epoch, so the source is asked once per epoch. The row count must not
 * change between epochs (it fixes the number of batches per epoch).
 */
public interface EpochSource {

  /** Rows in every epoch. */
  int rowsPerEpoch();

  /**
   * The rows of one epoch. Must depend only on the epoch number (and the source's own seed), never
   * on earlier calls, so that training can resume at any epoch. Called from the pipeline's producer
   * thread.
   */
  ColumnSet columns(int epoch);

  /** A source giving the same rows every epoch. */
  static EpochSource fixed(ColumnSet columns) {
    return new EpochSource() {
      @Override
      public int rowsPerEpoch() {
        return columns.rows();
      }

      @Override
      public ColumnSet columns(int epoch) {
        return columns;
      }
    };
  }
}
