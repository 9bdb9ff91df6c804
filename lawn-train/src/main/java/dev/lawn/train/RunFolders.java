package dev.lawn.train;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds run folders under given paths: a path that is itself a run, or the folders below it,
 * recursively; hidden folders and the insides of a run are not searched. {@link #find(List)} knows a
 * run by {@code config.json}, the file every run writes first ({@code lawn status}); {@code lawn
 * report}'s scanner walks the same way with its own test ({@link #find(List, Predicate)}).
 */
public final class RunFolders {

  private RunFolders() {}

  /**
   * The run folders (holding {@code config.json}, finished or not) under {@code paths}, sorted by
   * path, each once.
   *
   * @throws IllegalArgumentException naming a path that does not exist or is not a folder
   * @throws IOException when a folder cannot be listed
   */
  public static List<Path> find(List<Path> paths) throws IOException {
    return find(paths, dir -> Files.isRegularFile(dir.resolve(RunDirectory.CONFIG)));
  }

  /**
   * The folders under {@code paths} that {@code isRun} accepts, sorted by path, each once; the walk
   * does not enter an accepted folder.
   *
   * @throws IllegalArgumentException naming a path that does not exist or is not a folder
   * @throws IOException when a folder cannot be listed
   */
  public static List<Path> find(List<Path> paths, Predicate<Path> isRun) throws IOException {
    TreeSet<Path> runs = new TreeSet<>();
    for (Path input : paths) {
      if (!Files.exists(input)) {
        throw new IllegalArgumentException("no such run directory: " + input);
      }
      if (!Files.isDirectory(input)) {
        throw new IllegalArgumentException("not a directory: " + input);
      }
      Files.walkFileTree(input, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(input) && dir.getFileName().toString().startsWith(".")) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (isRun.test(dir)) {
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
