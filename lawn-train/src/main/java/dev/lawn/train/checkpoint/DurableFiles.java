package dev.lawn.train.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * File operations that survive a crash or power loss: fsync, atomic replace. (Recursive delete:
 * {@link dev.lawn.train.FileTrees#deleteTree}.)
 */
final class DurableFiles {

  private DurableFiles() {}

  /**
   * A new uniquely named directory in {@code dir}, readable by others like a normal directory
   * ({@code Files.createTempDirectory} alone would make it owner-only).
   */
  static Path createStagingDirectory(Path dir, String prefix) throws IOException {
    Path staged = Files.createTempDirectory(dir, prefix);
    try {
      Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default permissions
    }
    return staged;
  }

  /** Forces a file's or directory's content (for a directory: its entries) to disk. */
  static void sync(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Syncs every regular file directly inside {@code dir}, then {@code dir} itself. */
  static void syncTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          sync(file);
        }
      }
    }
    sync(dir);
  }

  /** Writes {@code text} to {@code target} so that readers see the old or the new content only. */
  static void writeAtomically(Path target, String text) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    sync(tmp);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    sync(target.getParent());
  }

  /** Hard-links (or, where links are not supported, copies) every file of {@code from} into {@code to}. */
  static void linkOrCopyFiles(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(file.getFileName());
        try {
          Files.createLink(target, file);
        } catch (UnsupportedOperationException | IOException e) {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
