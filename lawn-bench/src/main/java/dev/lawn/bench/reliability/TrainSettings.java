package dev.lawn.bench.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code lawn train} options of a reliability run (everything but {@code --out}): NCF-MLP with
 * Adam-LAWN on a MovieLens-format data folder, one TensorFlow thread so that CPU results are
 * reproducible bit for bit.
 *
 * @param dataDir the {@code --data-dir} (holding {@code ml-100k/u.data})
 * @param epochs {@code --epochs}
 * @param batchSize {@code --batch-size}
 * @param seed {@code --seed}
 * @param extra further options appended as given (e.g. {@code --eval-every 50})
 */
public record TrainSettings(Path dataDir, int epochs, int batchSize, long seed, List<String> extra) {

  /** Validates and freezes. */
  public TrainSettings {
    if (dataDir == null) {
      throw new IllegalArgumentException("dataDir must not be null");
    }
    if (epochs < 2) {
      throw new IllegalArgumentException("epochs must be >= 2 (one free and one constrained), got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    extra = List.copyOf(extra);
  }

  /** The train arguments writing to {@code out}. */
  public List<String> arguments(Path out) {
    List<String> args = new ArrayList<>(options());
    args.add("--out");
    args.add(out.toString());
    return args;
  }

  /** The train options without {@code --out}. */
  public List<String> options() {
    List<String> args = new ArrayList<>(List.of(
        "--model", "ncf-mlp", "--data", "movielens-100k", "--data-dir", dataDir.toString(),
        "--optimizer", "adam-lawn", "--lr", "1e-3", "--batch-size", Integer.toString(batchSize),
        "--epochs", Integer.toString(epochs), "--warmup-epochs", "1",
        "--e-free", Integer.toString(Math.max(1, epochs / 3)),
        "--seed", Long.toString(seed), "--threads", "1"));
    args.addAll(extra);
    return List.copyOf(args);
  }
}
