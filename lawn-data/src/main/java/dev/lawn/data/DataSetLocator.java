package dev.lawn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds a data set's directory. Roots, in order: the explicit data directory (from
 * {@code --data-dir} or a config), the system property {@value #PROPERTY}, the environment variable
 * {@value #ENV}, {@code ~/.lawn/data}, and {@value #DEBIAN_DATASETS} (where Debian's
 * {@code dataset-*} packages install). In each root, the root itself and then each conventional
 * sub-folder name of the data set is checked for the data set's marker file.
 */
public final class DataSetLocator {

  /** System property naming a data root. */
  public static final String PROPERTY = "lawn.data.dir";
  /** Environment variable naming a data root. */
  public static final String ENV = "LAWN_DATA_DIR";
  /** Debian's data set packages install here. */
  public static final String DEBIAN_DATASETS = "/usr/share/datasets";

  private final List<Path> roots;
  /** The directory the user named ({@code --data-dir}), or null. */
  private final Path explicitDir;

  private DataSetLocator(List<Path> roots, Path explicitDir) {
    this.roots = List.copyOf(roots);
    this.explicitDir = explicitDir;
  }

  /** The default roots, after {@code explicitDir} when it is not null. */
  public static DataSetLocator withDefaults(Path explicitDir) {
    Set<Path> roots = new LinkedHashSet<>();
    Path explicit = explicitDir == null ? null : explicitDir.toAbsolutePath().normalize();
    if (explicit != null) {
      roots.add(explicit);
    }
    Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank()).ifPresent(s -> roots.add(Path.of(s)));
    Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank()).ifPresent(s -> roots.add(Path.of(s)));
    Optional.ofNullable(System.getProperty("user.home")).ifPresent(h -> roots.add(Path.of(h, ".lawn", "data")));
    roots.add(Path.of(DEBIAN_DATASETS));
    return new DataSetLocator(new ArrayList<>(roots), explicit);
  }

  /** Exactly these roots (for tests and embedding). */
  public static DataSetLocator of(List<Path> roots) {
    return new DataSetLocator(roots, null);
  }

  /** The roots searched, in order. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * The first directory, over roots then sub-folder names, that {@code isDataSet} accepts.
   *
   * @throws DataSetNotFoundException listing every directory checked and {@code howToGet}
   */
  public Path find(String dataSet, List<String> subFolders, Predicate<Path> isDataSet, String howToGet) {
    List<Path> looked = new ArrayList<>();
    for (Path root : roots) {
      List<Path> candidates = new ArrayList<>();
      candidates.add(root);
      subFolders.forEach(s -> candidates.add(root.resolve(s)));
      for (Path dir : candidates) {
        looked.add(dir);
        if (Files.isDirectory(dir) && isDataSet.test(dir)) {
          return dir;
        }
      }
    }
    String note = explicitDir != null && !Files.isDirectory(explicitDir)
        ? "--data-dir " + explicitDir + " does not exist" : null;
    throw new DataSetNotFoundException(dataSet, looked, note, howToGet);
  }
}
