package dev.lawn.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * A small synthetic ratings file in MovieLens-100k's {@code u.data} format, for runs that must be
 * fast (a few tenths of a second per epoch): each user rates {@code perUser} distinct items, 80 % of
 * them from the user's cluster of items, so the model has something to learn.
 */
public final class TinyRatings {

  private TinyRatings() {}

  /**
   * Writes {@code dataDir/ml-100k/u.data} and returns {@code dataDir} (the {@code --data-dir}).
   *
   * @param items must leave at least 100 unrated items per user (the evaluation's 99 negatives)
   */
  public static Path write(Path dataDir, int users, int items, int perUser, long seed) throws IOException {
    if (users < 1 || perUser < 2) {
      throw new IllegalArgumentException("need users >= 1 and perUser >= 2, got " + users + ", " + perUser);
    }
    if (items - perUser < 100) {
      throw new IllegalArgumentException("items - perUser must be >= 100 (99 evaluation negatives), got "
          + items + " - " + perUser);
    }
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int user = 1; user <= users; user++) {
      int cluster = user % 3;
      Set<Integer> rated = new HashSet<>();
      for (int k = 0; k < perUser; k++) {
        int item;
        do {
          item = random.nextDouble() < 0.8 ? 1 + cluster + 3 * random.nextInt(items / 3) : 1 + random.nextInt(items);
        } while (item > items || !rated.add(item));
        text.append(user).append('\t').append(item).append('\t').append(1 + random.nextInt(5)).append('\t')
            .append(880_000_000 + k * 1000 + random.nextInt(500)).append('\n');
      }
    }
    Path folder = Files.createDirectories(dataDir.resolve("ml-100k"));
    Files.writeString(folder.resolve("u.data"), text.toString());
    return dataDir;
  }
}
