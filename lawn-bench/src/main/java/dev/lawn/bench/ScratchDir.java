package dev.lawn.tools.bench;

import dev.lawn.train.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    FileTrees.deleteTree(path);
  }
}
