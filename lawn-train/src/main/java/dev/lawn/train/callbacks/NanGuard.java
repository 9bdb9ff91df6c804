package dev.lawn.train.callbacks;

import dev.lawn.train.Callback;
import dev.lawn.train.FitContext;
import dev.lawn.train.TrainingDivergedException;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import dev.lawn.train.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Stops a run whose epoch loss is not finite, before that epoch is evaluated, logged or checkpointed,
 * naming the last good checkpoint. Put it first.
 */
public final class NanGuard implements Callback {

  @Override
  public void onEpochTrained(FitContext context, int completedEpochs, long step, double loss) {
    if (Double.isFinite(loss)) {
      return;
    }
    Optional<Checkpoint> last = Optional.empty();
    if (context.runDirectory() != null) {
      try {
        last = new CheckpointStore(context.runDirectory().resolve(RunDirectory.CHECKPOINTS), Integer.MAX_VALUE).latest();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new TrainingDivergedException("training loss is " + loss + " in epoch " + completedEpochs + " (step " + step
        + "); stopped. The last good checkpoint is "
        + last.map(c -> c.dir().toString()).orElse("none (no checkpoint was written yet)")
        + ". Lower --lr or check the data.");
  }
}
