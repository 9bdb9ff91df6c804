package dev.lawn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes a small MovieLens-100k-format {@code u.data} with cluster structure a model can learn. */
final class SyntheticRatings {

  private SyntheticRatings() {}

  /** Writes {@code dir/ml-100k/u.data} and returns {@code dir}. */
  static Path write(Path dir, int users, int items, int perUser, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder();
    for (int u = 1; u <= users; u++) {
      int cluster = u % 3;
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int k = 0; k < perUser; k++) {
        int item;
        do {
          // 80% of a user's items come from the user's cluster of items.
          item = r.nextDouble() < 0.8 ? 1 + cluster + 3 * r.nextInt(items / 3) : 1 + r.nextInt(items);
        } while (!seen.add(item));
        s.append(u).append('\t').append(item).append('\t').append(1 + r.nextInt(5)).append('\t')
            .append(880000000 + k * 1000 + r.nextInt(500)).append('\n');
      }
    }
    Path folder = Files.createDirectories(dir.resolve("ml-100k"));
    Files.writeString(folder.resolve("u.data"), s.toString());
    return dir;
  }
}
