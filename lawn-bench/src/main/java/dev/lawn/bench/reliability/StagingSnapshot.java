package dev.lawn.bench.reliability;

import dev.lawn.train.RunDirectory;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The staging directories ({@code .tmp-*}) of a run's checkpoint folder, and what stage of a write
 * their files show. Read while the trainer runs, so entries may vanish between listing and reading.
 */
final class StagingSnapshot {

  /** No file yet. */
  static final String STAGE_EMPTY = "staging directory created";
  /** TensorFlow's saver is writing ({@code *.tempstate*} files). */
  static final String STAGE_VARIABLES = "variables being written";
  /** Index and data written, {@code meta.json} not yet. */
  static final String STAGE_BEFORE_META = "variables written, meta.json not yet";
  /** Every file written: verifying, syncing or about to rename. */
  static final String STAGE_BEFORE_RENAME = "all files written, before the rename";

  private StagingSnapshot() {}

  /** Names of the staging directories in {@code runDir/checkpoints}; none when it does not exist. */
  static Set<String> names(Path runDir) {
    Path dir = runDir.resolve(RunDirectory.CHECKPOINTS);
    Set<String> names = new TreeSet<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(CheckpointStore.TEMP_PREFIX))
          .forEach(names::add);
    } catch (NoSuchFileException absent) {
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** {@code name(size)} of every file in the staging directories not in {@code ignored}. */
  static List<String> files(Path runDir, Set<String> ignored) throws IOException {
    List<String> out = new ArrayList<>();
    for (String name : names(runDir)) {
      if (ignored.contains(name)) {
        continue;
      }
      try (Stream<Path> files = Files.list(runDir.resolve(RunDirectory.CHECKPOINTS).resolve(name))) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          out.add(name + "/" + f.getFileName() + "(" + Files.size(f) + ")");
        }
      }
      out.add(name + "/");
    }
    return out;
  }

  /** The latest stage shown by {@link #files}' output, or null when it lists nothing. */
  static String stage(List<String> stagedFiles) {
    if (stagedFiles.isEmpty()) {
      return null;
    }
    boolean temp = false;
    boolean index = false;
    boolean meta = false;
    for (String f : stagedFiles) {
      String file = f.substring(f.indexOf('/') + 1);
      temp |= file.contains("tempstate") || file.startsWith(Checkpoint.VARIABLES_PREFIX + ".data-");
      index |= file.startsWith(Checkpoint.INDEX_FILE + "(");
      meta |= file.startsWith(Checkpoint.META_FILE + "(");
    }
    if (meta) {
      return STAGE_BEFORE_RENAME;
    }
    if (index) {
      return STAGE_BEFORE_META;
    }
    return temp ? STAGE_VARIABLES : STAGE_EMPTY;
  }
}
