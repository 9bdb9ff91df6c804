package dev.lawn.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for the children's output and run directories: deleted when the bench
 * succeeds, kept when it fails (the error message names the child's stderr file in it).
 */
final class ScratchDir {

  private final Path path;

  private ScratchDir(Path path) {
    this.path = path;
  }

  /** A new directory under {@code java.io.tmpdir}. */
  static ScratchDir create() throws IOException {
    return new ScratchDir(Files.createTempDirectory("lawn-bench"));
  }

  Path path() {
    return path;
  }

  /** Deletes the directory and everything in it. */
  void delete() throws IOException {
    deleteTree(path);
  }

  /** Deletes {@code dir} recursively (nothing if it does not exist). */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
