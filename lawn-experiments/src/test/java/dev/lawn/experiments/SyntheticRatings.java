package dev.lawn.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** A small MovieLens-100k-format {@code u.data} for tests that train: 60 users, 20 ratings each, clustered items. */
public final class SyntheticRatings {

  private SyntheticRatings() {}

  /** Writes {@code dir/ml-100k/u.data} and returns {@code dir} (a {@code --data-dir}). */
  public static Path write(Path dir) throws IOException {
    Random r = new Random(7);
    StringBuilder s = new StringBuilder();
    for (int u = 1; u <= 60; u++) {
      Set<Integer> seen = new HashSet<>();
      for (int k = 0; k < 20; k++) {
        int item;
        do {
          item = r.nextDouble() < 0.8 ? 1 + u % 3 + 3 * r.nextInt(50) : 1 + r.nextInt(150);
        } while (!seen.add(item));
        s.append(u).append('\t').append(item).append('\t').append(1 + r.nextInt(5)).append('\t')
            .append(880000000 + k * 1000).append('\n');
      }
    }
    Files.writeString(Files.createDirectories(dir.resolve("ml-100k")).resolve("u.data"), s.toString());
    return dir;
  }
}
