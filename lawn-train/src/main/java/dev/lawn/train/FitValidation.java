package dev.lawn.train;

import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.ops.SwitchPolicy;
import java.util.ArrayList;
import java.util.List;

/** {@link Fit.Builder}'s checks: each failure names the setting, the input or the feed. */
final class FitValidation {

  private FitValidation() {}

  static void check(BatchStream data, Optimization optimization, int epochs, int evalEvery, int checkpointEvery,
      int keep, int passesPerStep) {
    if (data == null) {
      throw new IllegalArgumentException("Fit: no training data; call data(BatchStream) or data(new FeedBatches(...))");
    }
    if (data.batchesPerEpoch() < 1) {
      throw new IllegalArgumentException("Fit: the training data has no batch per epoch (" + data.rowsPerEpoch()
          + " rows, batch size " + data.batchSize() + (data.dropRemainder() ? ", last partial batch dropped" : "")
          + ")");
    }
    if (optimization == null) {
      throw new IllegalArgumentException("Fit: no optimization; call optimization(Optimization.withLawn(...)) or plain(...)");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("Fit: epochs must be >= 1, got " + epochs);
    }
    if (optimization.switchPolicy() instanceof SwitchPolicy.AtEpoch at && at.epoch() > epochs) {
      throw new IllegalArgumentException("Fit: epochs (" + epochs + ") < E_free (" + at.epoch()
          + "): LAWN would never switch; raise epochs or lower E_free");
    }
    if (optimization.warmupEpochs() > epochs) {
      throw new IllegalArgumentException("Fit: warm-up epochs (" + optimization.warmupEpochs() + ") exceed epochs ("
          + epochs + ")");
    }
    if (passesPerStep < 1) {
      throw new IllegalArgumentException("Fit: accumulate (batches per optimizer step) must be >= 1, got "
          + passesPerStep);
    }
    if (evalEvery < 1 || checkpointEvery < 1 || keep < 1) {
      throw new IllegalArgumentException("Fit: evalEvery, checkpoint every and keep must be >= 1, got "
          + evalEvery + ", " + checkpointEvery + ", " + keep);
    }
  }

  /** The first batch of epoch 0 feeds every input of the model and the label. */
  static void checkFeeds(FitModel model, BatchStream data) {
    try (BatchIterator it = data.epoch(0)) {
      if (!it.hasNext()) {
        throw new IllegalArgumentException("Fit: the training data has no batch in epoch 0");
      }
      try (Batch first = it.next()) {
        List<String> missing = new ArrayList<>();
        for (String input : model.inputs().keySet()) {
          if (!first.tensors().containsKey(input)) {
            missing.add(input);
          }
        }
        if (!first.tensors().containsKey(Features.LABEL)) {
          missing.add(Features.LABEL);
        }
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException("Fit: the feed of batch 0 misses input " + String.join(", ", missing)
              + " (it has " + first.tensors().keySet() + "; the model's inputs are " + model.inputs().keySet()
              + " and the label is '" + Features.LABEL + "')");
        }
      }
    }
  }
}
