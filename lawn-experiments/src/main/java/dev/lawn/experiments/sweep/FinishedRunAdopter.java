package dev.lawn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.experiments.report.RunDirectoryScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reuses a run that finished under another name instead of training it again.
 *
 * <p>Run names hold only the grid keys with more than one value, so widening a grid (say
 * {@code e_free: [5]} to {@code [2, 5]}) renames every run: {@code lr-0.01_seed-1} is planned
 * again as {@code lr-0.01_efree-5_seed-1}. Training it again would cost hours for a bit-identical
 * result and leave two folders that reports would count twice. So before a run is started, its
 * sweep's output folder is searched for a finished run with the same configuration
 * ({@link SameConfigRuns}); when there is exactly one, it is renamed to the planned name (one
 * atomic move within the folder) and counts as finished earlier.
 *
 * <p>Not reused: unfinished runs (a later invocation resumes them where they are), runs of other
 * folders, folders the sweep itself plans (two planned runs may differ only in ignored keys such as
 * {@code threads}), and anything when several finished runs match: which one was meant is a
 * question for the user, so the run is trained and a warning names the candidates.
 *
 * <p>Safe to call from the sweep's worker threads at once.
 */
public final class FinishedRunAdopter {

  private final RunConfigResolver resolver;
  private final Consumer<String> say;
  /** Directories of planned runs (absolute, normalized): never moved away. */
  private final Set<Path> planned = ConcurrentHashMap.newKeySet();
  /**
   * One search-and-move at a time: two planned runs matching the same old folder must not both
   * move it, and a folder just renamed must be seen under its planned (excluded) name.
   */
  private final Object moving = new Object();

  /**
   * An adopter.
   *
   * @param resolver works out the configuration a planned run would train with
   * @param say where the {@code reuse} and warning lines go
   */
  public FinishedRunAdopter(RunConfigResolver resolver, Consumer<String> say) {
    this.resolver = resolver;
    this.say = say;
  }

  /** Declares runs of this sweep: their directories are never taken over by another run. */
  public void plan(List<PlannedRun> runs) {
    runs.forEach(run -> planned.add(key(run.directory())));
  }

  /**
   * What {@link #adopt} would reuse for {@code run}, without moving anything (for {@code --dry-run}):
   * the single finished run of its folder with its configuration, if any.
   */
  public Optional<String> wouldAdopt(PlannedRun run) {
    Path folder = run.directory().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return Optional.empty();
    }
    Optional<JsonNode> wanted = resolver.configJson(run);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    try {
      List<Path> matches = SameConfigRuns.finishedMatches(folder, wanted.get(), planned);
      return matches.size() == 1 && isAbsentOrEmpty(run.directory())
          ? Optional.of(matches.get(0).getFileName().toString()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Moves a finished run with {@code run}'s configuration to {@code run}'s directory, if there is
   * exactly one in the folder of {@code run}'s directory and the directory is free.
   *
   * @param run a planned run whose directory holds no finished run
   * @param tag the {@code [i/n]} prefix of progress lines
   * @return the reused run's former directory name; empty when the run is to be trained
   */
  public Optional<String> adopt(PlannedRun run, String tag) {
    Path folder = run.directory().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return Optional.empty(); // a new sweep: nothing to reuse, and no need to resolve options
    }
    Optional<JsonNode> wanted = resolver.configJson(run);
    if (wanted.isEmpty()) {
      return Optional.empty(); // the trainer will reject these options itself, with its message
    }
    synchronized (moving) {
      try {
        return adopt(run, tag, SameConfigRuns.finishedMatches(folder, wanted.get(), planned));
      } catch (IOException e) {
        say.accept(tag + " warning " + run.name() + ": cannot look for or reuse a finished run with its"
            + " configuration (" + e + "); training it");
        return Optional.empty();
      }
    }
  }

  private Optional<String> adopt(PlannedRun run, String tag, List<Path> matches) throws IOException {
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    if (matches.size() > 1) {
      say.accept(tag + " warning " + run.name() + ": finished runs " + names(matches)
          + " all have its configuration; reusing none of them, training it");
      return Optional.empty();
    }
    Path source = matches.get(0);
    Path target = run.directory();
    if (!isAbsentOrEmpty(target)) {
      // An unfinished run is already there: moving it aside or deleting it is the user's call.
      say.accept(tag + " note    " + run.name() + " holds an unfinished run, so the finished run "
          + source.getFileName() + " with the same configuration is not reused");
      return Optional.empty();
    }
    Files.deleteIfExists(target); // empty: the rename below needs the name free
    // Same parent directory: a rename, atomic, so a crash leaves the run under one name or the other.
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    String former = source.getFileName().toString();
    noteInLog(target, former, run.name());
    say.accept(tag + " reuse   " + run.name() + " (finished earlier as " + former + ")");
    return Optional.of(former);
  }

  /** Leaves a trace of the rename in the run's own log, which travels with the folder. */
  private static void noteInLog(Path dir, String former, String name) {
    try {
      Files.writeString(
          dir.resolve(RunDirectoryScanner.TRAIN_LOG),
          "# lawn sweep: " + Instant.now() + ": renamed from " + former + " to " + name
              + " (same configuration, planned under the new name)\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The run is reused all the same: the progress line records the rename too.
    }
  }

  private static boolean isAbsentOrEmpty(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static String names(List<Path> dirs) {
    return dirs.stream().map(d -> d.getFileName().toString()).collect(Collectors.joining(", "));
  }

  private static Path key(Path dir) {
    return dir.toAbsolutePath().normalize();
  }
}
