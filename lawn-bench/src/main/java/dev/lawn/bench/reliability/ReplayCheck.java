package dev.lawn.bench.reliability;

import dev.lawn.train.RunDirectory;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Restores a checkpoint into the real training graph: copies a tortured run's oldest kept checkpoint
 * (with {@code config.json}) into a fresh run folder, lets {@code lawn train} resume it to the end,
 * and compares the epochs it trained with the reference run's.
 */
final class ReplayCheck {

  private ReplayCheck() {}

  static Check run(TrainChild child, TrainSettings settings, Path tortured, Path reference, Path replay)
      throws IOException, InterruptedException {
    List<Checkpoint> kept = new CheckpointStore(tortured.resolve(RunDirs.CHECKPOINTS), 1).list();
    if (kept.isEmpty()) {
      return new Check("restore and replay", false, "no checkpoint to restore");
    }
    Checkpoint oldest = kept.get(0);
    Files.createDirectories(replay);
    Files.copy(tortured.resolve(RunDirectory.CONFIG), replay.resolve(RunDirectory.CONFIG));
    RunDirs.copyFiles(oldest.dir(), replay.resolve(RunDirs.CHECKPOINTS).resolve(oldest.dir().getFileName()));
    int code = child.run(settings.arguments(replay), replay.resolveSibling(replay.getFileName() + ".log"));
    if (code != 0) {
      return new Check("restore and replay", false, "lawn train exited " + code + " resuming " + oldest.dir());
    }
    int from = oldest.meta().epoch() + 1;
    MetricsRows.Agreement agreement =
        MetricsRows.compare(MetricsRows.read(reference), MetricsRows.read(replay), from);
    return new Check("restore and replay", agreement.within(TortureVerifier.TOLERANCE),
        "resumed " + oldest.dir().getFileName() + ", epochs " + from + "-" + settings.epochs() + ": "
            + agreement.describe());
  }
}
