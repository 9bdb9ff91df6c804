package dev.lawn.train;

import java.io.IOException;
import java.nio.file.Path;

/** Opens {@link SyntheticRatings} to tests in sub-packages. */
public final class SyntheticRatingsAccess {

  private SyntheticRatingsAccess() {}

  public static Path write(Path dir, int users, int items, int perUser, long seed) throws IOException {
    return SyntheticRatings.write(dir, users, items, perUser, seed);
  }
}
