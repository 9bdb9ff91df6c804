package dev.lawn.train;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Operations on whole directory trees, for the project's own run, checkpoint and export folders. */
public final class FileTrees {

  private FileTrees() {}

  /**
   * Deletes a file, or a directory and everything in it; a missing path is fine. Symbolic links
   * are deleted, never followed, so a link inside the tree cannot make this delete files outside
   * it. An entry that disappears while the tree is deleted (another process cleaning up too) is
   * not an error.
   *
   * @param root the file or directory to delete
   * @throws IOException if an entry cannot be deleted (permissions, a busy file system); what was
   *     deleted before stays deleted
   */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
