package dev.lawn.ops.switching;

/**
 * What the trainer observes at the end of one epoch of free training, the only input of the
 * automatic switch rules: the epoch's mean training loss and the median margin of the training
 * minibatches it sampled (the paper's proposal, §3: track the logits on the minibatches used).
 *
 * @param epoch epochs completed, 1-based (the observation of the first epoch has {@code epoch} 1)
 * @param loss the epoch's mean training loss
 * @param marginMedian the median training margin over the epoch's sampled minibatches
 */
public record EpochObservation(int epoch, double loss, double marginMedian) {

  public EpochObservation {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1, got " + epoch);
    }
  }
}
