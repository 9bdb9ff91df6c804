package dev.lawn.train;

/**
 * How epochs split into optimizer steps and forward/backward passes.
 *
 * @param rowsPerEpoch training examples per epoch
 * @param batchSize examples per optimizer step
 * @param microBatch examples per forward/backward pass
 * @param passesPerStep micro-batches accumulated into one step
 * @param stepsPerEpoch optimizer steps per epoch (the last one may be short)
 * @param epochs epochs of the run
 * @param totalSteps optimizer steps of the run
 * @param warmupSteps steps of linear warm-up
 */
record Plan(int rowsPerEpoch, int batchSize, int microBatch, int passesPerStep, int stepsPerEpoch, int epochs,
    long totalSteps, long warmupSteps) {

  /**
   * @param microBatchCap the largest pass; a larger batch is split into the fewest equal micro-batches
   *     no larger than it
   */
  static Plan of(int rows, int batch, int microBatchCap, int epochs, double warmupEpochs) {
    int passes = (batch + microBatchCap - 1) / microBatchCap;
    while (batch % passes != 0) {
      passes++; // the smallest split into equal micro-batches no larger than the cap
    }
    int steps = (rows + batch - 1) / batch;
    long total = (long) steps * epochs;
    long warmup = Math.round(warmupEpochs * steps);
    return new Plan(rows, batch, batch / passes, passes, steps, epochs, total, Math.min(warmup, total));
  }

  boolean accumulating() {
    return passesPerStep > 1;
  }

  /** Forward/backward passes per epoch: the epoch's rows in micro-batches, the last one possibly short. */
  int passesPerEpoch() {
    return (rowsPerEpoch + microBatch - 1) / microBatch;
  }

  /** Examples in pass {@code pass} of an epoch, as the data pipelines cut them. */
  int rowsInPass(int pass) {
    return Math.min(microBatch, rowsPerEpoch - pass * microBatch);
  }

  /** Examples in optimizer step {@code step} of an epoch (the last one may be short). */
  int rowsInStep(int step) {
    return Math.min(batchSize, rowsPerEpoch - step * batchSize);
  }
}
