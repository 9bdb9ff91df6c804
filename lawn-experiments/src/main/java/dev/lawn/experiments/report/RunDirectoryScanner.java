package dev.lawn.experiments.report;

import dev.lawn.train.RunDirectory;
import dev.lawn.train.RunFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds run directories under the given paths.
 *
 * <p>A directory holding {@code summary.json} is a finished run (the trainer writes it last). A
 * directory holding {@code metrics.jsonl} or {@code train.log} but no summary.json is an
 * unfinished run: still training, interrupted or failed. Hidden directories are not searched, nor
 * are the insides of a run ({@link RunFolders}' walk).
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
    List<Path> runs = RunFolders.find(inputs, dir -> Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))
        || Files.isRegularFile(dir.resolve(RunDirectory.METRICS)) || Files.isRegularFile(dir.resolve(TRAIN_LOG)));
    Map<Boolean, List<Path>> byFinished =
        runs.stream().collect(Collectors.partitioningBy(dir -> Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))));
    return new Result(byFinished.get(true), byFinished.get(false));
  }
}
