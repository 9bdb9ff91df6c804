package dev.lawn.bench;

import dev.lawn.train.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary directory for the children's output and run directories: deleted when the bench
 * succeeds, kept when it fails (the error message names the child's stderr file in it).
 */
public final class ScratchDir {

  private final Path path;

  private ScratchDir(Path path) {
    this.path = path;
  }

  /** A new directory under {@code java.io.tmpdir}. */
  public static ScratchDir create() throws IOException {
    return new ScratchDir(Files.createTempDirectory("lawn-bench"));
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** Deletes the directory and everything in it. */
  public void delete() throws IOException {
    FileTrees.deleteTree(path);
  }
}
