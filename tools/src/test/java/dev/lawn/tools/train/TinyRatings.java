package dev.lawn.tools.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny ratings data set in MovieLens-100k's layout and the {@code lawn train} arguments of a short
 * run on it, for tests that run {@code lawn train} end to end in seconds. (lawn-experiments'
 * {@code SyntheticRatings}, 60 users with 20 ratings each, is over three times larger.)
 */
public final class TinyRatings {

  private TinyRatings() {}

  /**
   * Writes {@code dir/ml-100k/u.data}: 30 users with 12 ratings each (rating 4) of items 1-140, drawn
   * with {@code seed}, at timestamps 100 s apart. Returns {@code dir}, a {@code --data-dir}.
   */
  public static Path write(Path dir, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder();
    for (int u = 1; u <= 30; u++) {
      for (int k = 0; k < 12; k++) {
        s.append(u).append('\t').append(1 + (u * 7 + k * 13 + r.nextInt(3)) % 140).append("\t4\t")
            .append(880000000 + k * 100).append('\n');
      }
    }
    Files.writeString(Files.createDirectories(dir.resolve("ml-100k")).resolve("u.data"), s.toString());
    return dir;
  }

  /**
   * {@code lawn train} of ncf-mlp on the movielens-100k in {@code dataDir}: two epochs (one of warm-up,
   * one E_free), batch 256, one thread, written to {@code out}; then {@code overrides} as in
   * {@link #override}. The list is a new, modifiable one.
   */
  public static List<String> trainArgs(Path dataDir, Path out, String... overrides) {
    List<String> args = new ArrayList<>(List.of("train", "--model", "ncf-mlp", "--data", "movielens-100k",
        "--data-dir", dataDir.toString(), "--batch-size", "256", "--epochs", "2", "--warmup-epochs", "1",
        "--e-free", "1", "--threads", "1", "--out", out.toString()));
    return override(args, overrides);
  }

  /**
   * Applies each {@code --key=value} of {@code overrides} to {@code args}: the pair {@code --key v}
   * already there is removed, and {@code --key=value} is added at the end. Returns {@code args}.
   */
  public static List<String> override(List<String> args, String... overrides) {
    for (String option : overrides) {
      String key = option.substring(0, option.indexOf('='));
      int at = args.indexOf(key);
      if (at >= 0) {
        args.remove(at + 1);
        args.remove(at);
      }
      args.add(option);
    }
    return args;
  }
}
