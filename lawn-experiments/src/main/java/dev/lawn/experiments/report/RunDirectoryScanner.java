package dev.lawn.experiments.report;

import dev.lawn.train.RunDirectory;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds run directories under the given paths.
 *
 * <p>A directory holding {@code summary.json} is a finished run (the trainer writes it last). A
 * directory holding {@code metrics.jsonl} or {@code train.log} but no summary.json is an
 * unfinished run: still training, interrupted or failed. Hidden directories are not searched, nor
 * are the insides of a run.
 */
public final class RunDirectoryScanner {

  /** Log a sweep writes into a run directory before the trainer starts. */
  public static final String TRAIN_LOG = "train.log";

  /**
   * Finished and unfinished runs, each sorted by path.
   *
   * @param finished run directories with summary.json
   * @param unfinished run directories without it
   */
  public record Result(List<Path> finished, List<Path> unfinished) {
    /** Copies the lists. */
    public Result {
      finished = List.copyOf(finished);
      unfinished = List.copyOf(unfinished);
    }
  }

  /** Scans every input path (a run directory or a directory of runs, searched recursively). */
  public Result scan(List<Path> inputs) throws IOException {
    TreeSet<Path> finished = new TreeSet<>();
    TreeSet<Path> unfinished = new TreeSet<>();
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        throw new IllegalArgumentException("no such run directory: " + input);
      }
      if (!Files.isDirectory(input)) {
        throw new IllegalArgumentException("not a directory: " + input);
      }
      Files.walkFileTree(
          input,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(input) && dir.getFileName().toString().startsWith(".")) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))) {
                finished.add(dir.normalize());
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (Files.isRegularFile(dir.resolve(RunDirectory.METRICS))
                  || Files.isRegularFile(dir.resolve(TRAIN_LOG))) {
                unfinished.add(dir.normalize());
              }
              return FileVisitResult.CONTINUE;
            }
          });
    }
    return new Result(List.copyOf(finished), List.copyOf(unfinished));
  }
}
