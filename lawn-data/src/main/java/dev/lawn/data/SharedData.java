package dev.lawn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The data folder a development checkout's tests and examples read real data sets from (the one
 * place that rule is written): {@code $LAWN_DATA_DIR} when set, else the {@code shared/data} folder
 * next to the checkout ({@code ../shared/data} seen from the checkout's root). The root is found by
 * walking up from the working directory (a module's folder under Maven) to the folder holding the
 * {@code lawn} launcher and the reactor's {@code pom.xml}.
 *
 * <p>{@code lawn train --data-dir} does not use this class: the command line searches
 * {@code $LAWN_DATA_DIR} among its default places ({@link DataSetLocator}).
 */
public final class SharedData {

  private SharedData() {}

  /** The data folder, when it exists. */
  public static Optional<Path> root() {
    String env = System.getenv(DataSetLocator.ENV);
    if (env != null && !env.isBlank()) {
      Path dir = Path.of(env).toAbsolutePath().normalize();
      return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("lawn")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        Path shared = dir.resolveSibling("shared").resolve("data");
        return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * A data set's folder under {@link #root()}, when it holds {@code markerFile}: for example
   * {@code dataSet("ml-100k", "u.data")}.
   */
  public static Optional<Path> dataSet(String folder, String markerFile) {
    return root().map(r -> r.resolve(folder)).filter(d -> Files.isRegularFile(d.resolve(markerFile)));
  }
}
