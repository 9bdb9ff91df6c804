package dev.lawn.train;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds run folders (folders holding {@code config.json}, finished or not) under given paths, as
 * {@code lawn report}'s scanner does: a path that is itself a run, or the folders below it,
 * recursively, hidden folders and the insides of a run excluded. (The report's scanner, in
 * lawn-experiments, recognizes runs by their metrics and logs, which a status reader that lawn-train
 * offers cannot depend on; this one recognizes them by the file every run writes first.)
 */
public final class RunFolders {

  private RunFolders() {}

  /**
   * The run folders under {@code paths}, sorted by path, each once.
   *
   * @throws IllegalArgumentException naming a path that does not exist or is not a folder
   * @throws IOException when a folder cannot be listed
   */
  public static List<Path> find(List<Path> paths) throws IOException {
    TreeSet<Path> runs = new TreeSet<>();
    for (Path input : paths) {
      if (!Files.exists(input)) {
        throw new IllegalArgumentException("no such folder: " + input);
      }
      if (!Files.isDirectory(input)) {
        throw new IllegalArgumentException("not a folder: " + input);
      }
      Files.walkFileTree(input, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(input) && dir.getFileName().toString().startsWith(".")) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (Files.isRegularFile(dir.resolve(RunDirectory.CONFIG))) {
            runs.add(dir.normalize());
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }
      });
    }
    return List.copyOf(runs);
  }
}
