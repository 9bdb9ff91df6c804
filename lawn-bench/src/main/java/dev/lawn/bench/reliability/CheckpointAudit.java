package dev.lawn.bench.reliability;

import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a run's checkpoint folder file by file: every {@code ckpt-*} directory is complete (as
 * {@link CheckpointStore} judges it), its TensorFlow index file ends with the table format's magic
 * number (a truncated index does not), no staging or trash directory is left, the {@code BEST}
 * pointer resolves, and (against a reference run) each checkpoint's variable files are byte for
 * byte those of the reference's checkpoint of the same epoch.
 */
final class CheckpointAudit {

  /** Footer magic of TensorFlow's table format ({@code kTableMagicNumber}), little-endian. */
  static final long TABLE_MAGIC = 0xdb4775248b80fb57L;

  private CheckpointAudit() {}

  static List<Check> audit(Path runDir, Path referenceRunDir) throws IOException {
    Path dir = runDir.resolve(RunDirs.CHECKPOINTS);
    CheckpointStore store = new CheckpointStore(dir, 1);
    List<Check> checks = new ArrayList<>();
    List<String> dirs = entries(dir, "ckpt-");
    List<Checkpoint> complete = store.list();
    List<String> broken = new ArrayList<>();
    for (Checkpoint c : complete) {
      if (!hasTableMagic(c.dir().resolve(Checkpoint.INDEX_FILE))) {
        broken.add(c.dir().getFileName() + " (index without the table footer)");
      }
    }
    if (complete.size() != dirs.size()) {
      broken.add((dirs.size() - complete.size()) + " of " + dirs + " incomplete");
    }
    checks.add(new Check("checkpoints complete", !dirs.isEmpty() && broken.isEmpty(),
        dirs.size() + " checkpoint dirs " + dirs + (broken.isEmpty() ? ", all complete" : "; broken: " + broken)));

    List<String> leftovers = new ArrayList<>(entries(dir, CheckpointStore.TEMP_PREFIX));
    leftovers.addAll(entries(dir, ".trash-"));
    checks.add(new Check("no staging leftovers", leftovers.isEmpty(),
        leftovers.isEmpty() ? "none" : leftovers.toString()));

    if (Files.exists(dir.resolve(CheckpointStore.BEST_POINTER))) {
      var best = store.best();
      checks.add(new Check("BEST pointer resolves", best.isPresent(),
          best.map(b -> b.dir().getFileName() + " (epoch " + b.meta().epoch() + ")").orElse("dangling or incomplete")));
      // A kill between publishing a best copy and repointing BEST leaves a copy nothing names; the
      // next new best deletes it. Costs disk space only: reported, not failed.
      List<String> orphans = new ArrayList<>(entries(dir, CheckpointStore.BEST_PREFIX));
      best.ifPresent(b -> orphans.remove(b.dir().getFileName().toString()));
      checks.add(new Check("unreferenced best copies (information)", true,
          orphans.isEmpty() ? "none" : orphans.size() + " " + orphans));
    }

    int identical = 0;
    List<String> differing = new ArrayList<>();
    for (Checkpoint c : complete) {
      Path twin = referenceRunDir.resolve(RunDirs.CHECKPOINTS).resolve(c.dir().getFileName());
      if (!Files.isDirectory(twin)) {
        continue;
      }
      if (sameVariables(c.dir(), twin)) {
        identical++;
      } else {
        differing.add(c.dir().getFileName().toString());
      }
    }
    checks.add(new Check("checkpoint variables equal the reference's", identical > 0 && differing.isEmpty(),
        identical + " checkpoint(s) byte-identical to the reference's of the same epoch"
            + (differing.isEmpty() ? "" : "; differing: " + differing)));
    return checks;
  }

  /**
   * Problems of the published checkpoints right now (after a kill): {@code ckpt-*} directories that
   * are incomplete or whose index lacks the table footer. Empty when all are sound.
   */
  static List<String> publishedProblems(Path runDir) throws IOException {
    Path dir = runDir.resolve(RunDirs.CHECKPOINTS);
    List<String> problems = new ArrayList<>();
    List<Checkpoint> complete = new CheckpointStore(dir, 1).list();
    List<String> names = new ArrayList<>(entries(dir, "ckpt-"));
    for (Checkpoint c : complete) {
      names.remove(c.dir().getFileName().toString());
      if (!hasTableMagic(c.dir().resolve(Checkpoint.INDEX_FILE))) {
        problems.add(c.dir().getFileName() + ": index without the table footer");
      }
    }
    names.forEach(n -> problems.add(n + ": incomplete"));
    return problems;
  }

  static boolean hasTableMagic(Path index) throws IOException {
    byte[] bytes = Files.readAllBytes(index);
    if (bytes.length < Long.BYTES) {
      return false;
    }
    return ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong()
        == TABLE_MAGIC;
  }

  /** Same variable files (index and data shards), byte for byte. */
  private static boolean sameVariables(Path a, Path b) throws IOException {
    List<String> files = entries(a, Checkpoint.VARIABLES_PREFIX + ".");
    if (!files.equals(entries(b, Checkpoint.VARIABLES_PREFIX + "."))) {
      return false;
    }
    for (String f : files) {
      if (!Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)))) {
        return false;
      }
    }
    return true;
  }

  /** Sorted names in {@code dir} starting with {@code prefix}; none when {@code dir} is absent. */
  private static List<String> entries(Path dir, String prefix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
    }
  }
}
