package dev.lawn.bench.reliability;

import java.nio.file.Path;
import java.util.List;

/**
 * What a torture run did: its kills, how many child processes it took, and how the last one ended.
 *
 * @param kills every kill, in order
 * @param lives child processes started
 * @param finalExitCode exit code of the last child (which was not killed), -1 if it hung, or 0 when
 *     the last kill landed after the run had finished (see {@code killedAfterFinish})
 * @param finalLog log of the last child
 * @param seconds wall time of the whole torture
 * @param killedAfterFinish whether a planned kill landed after the trainer had written {@code
 *     summary.json} (it then tests nothing and is not in {@code kills})
 */
public record TortureOutcome(List<KillRecord> kills, int lives, int finalExitCode, Path finalLog, double seconds,
    boolean killedAfterFinish) {

  /** Freezes. */
  public TortureOutcome {
    kills = List.copyOf(kills);
  }

  /** Kills that left a staging directory behind: they interrupted a checkpoint write. */
  public long killsDuringCheckpointWrites() {
    return kills.stream().filter(k -> k.interruptedWrite() != null).count();
  }
}
