package dev.lawn.train.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lawn.train.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * Checkpoints of one run in one directory, written so that a crash at any moment leaves the
 * previous checkpoints usable.
 *
 * <p>Layout of {@code dir}:
 *
 * <ul>
 *   <li>{@code ckpt-000012/}: a complete checkpoint (see {@link Checkpoint}), named by epoch;
 *   <li>{@code .tmp-*}: a checkpoint being written (or left over by a crash); always ignored;
 *   <li>{@code BEST} and {@code best-*}: a pointer file naming the directory that holds a linked
 *       copy of the best checkpoint, so that pruning never removes it.
 * </ul>
 *
 * <p>{@link #save} writes the variables ({@code Session.save}) and {@code meta.json} into a fresh
 * {@code .tmp-*} directory, fsyncs the files and the directory, renames it to {@code ckpt-<epoch>}
 * with an atomic move, fsyncs {@code dir}, and only then prunes. Pruning keeps the newest {@code
 * keepLast} complete checkpoints up to the saved epoch, and deletes checkpoints of later epochs:
 * after a resume from an earlier epoch they belong to a lost future and would otherwise shadow the
 * new ones in {@link #latest()}.
 *
 * <p><b>Build the whole graph before the first save or restore.</b> TF-Java 1.1.0's {@code
 * Session.save}/{@code restore} create the graph's saver on first use and never update it:
 * variables created afterwards are silently neither saved nor restored. Only {@code VariableV2}
 * variables ({@code tf.variable}) are saved, not resource variables.
 *
 * <p>One store instance per directory and process; its methods are synchronized.
 */
public final class CheckpointStore {

  /** Name prefix of complete checkpoint directories. */
  public static final String CHECKPOINT_PREFIX = "ckpt-";
  /** Name prefix of directories being written. */
  public static final String TEMP_PREFIX = ".tmp-";
  /** Name of the pointer file naming the best checkpoint's copy. */
  public static final String BEST_POINTER = "BEST";
  /** Name prefix of best-checkpoint copies. */
  public static final String BEST_PREFIX = "best-";

  private static final Pattern CHECKPOINT_NAME = Pattern.compile("ckpt-(\\d{1,9})");
  private static final Pattern BEST_NAME = Pattern.compile("best-[A-Za-z0-9]+");
  private static final String TRASH_PREFIX = ".trash-";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir;
  private final int keepLast;

  /**
   * @param dir directory of the run's checkpoints (created on first save)
   * @param keepLast how many of the newest checkpoints to keep, at least 1
   */
  public CheckpointStore(Path dir, int keepLast) {
    if (dir == null) {
      throw new IllegalArgumentException("checkpoint directory must not be null");
    }
    if (keepLast < 1) {
      throw new IllegalArgumentException("keepLast must be at least 1, got " + keepLast);
    }
    this.dir = dir;
    this.keepLast = keepLast;
  }

  /** The store's directory. */
  public Path dir() {
    return dir;
  }

  /**
   * Saves the session's variables and {@code meta} as {@code ckpt-<meta.epoch>}, replacing a
   * checkpoint of the same epoch, then prunes.
   *
   * @return the new checkpoint
   * @throws IOException naming the path that could not be written; earlier checkpoints are intact
   */
  public synchronized Checkpoint save(Session session, CheckpointMeta meta) throws IOException {
    Path tmp;
    try {
      Files.createDirectories(dir);
      tmp = DurableFiles.createStagingDirectory(dir, TEMP_PREFIX);
    } catch (IOException e) {
      throw new IOException("cannot write a checkpoint into " + dir + ": " + e, e);
    }
    Path target = dir.resolve(checkpointName(meta.epoch()));
    try {
      Checkpoint staged = new Checkpoint(tmp, meta);
      try {
        session.save(staged.variablesPrefix());
      } catch (RuntimeException e) {
        throw new IOException("TensorFlow could not save variables to " + tmp + ": " + e.getMessage(), e);
      }
      Files.writeString(tmp.resolve(Checkpoint.META_FILE), JSON.writeValueAsString(meta));
      if (load(tmp, meta.epoch()).isEmpty()) {
        throw new IOException("checkpoint written to " + tmp + " is incomplete");
      }
      DurableFiles.syncTree(tmp);
      publish(tmp, target);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp, e);
      throw e;
    }
    prune(meta.epoch());
    return new Checkpoint(target, meta);
  }

  /**
   * The complete checkpoint of the highest epoch. Temp directories are ignored, and so are
   * checkpoints whose {@code meta.json} is missing, unparsable or of another epoch, or whose
   * TensorFlow index or data file is missing: the previous one is returned instead.
   */
  public synchronized Optional<Checkpoint> latest() throws IOException {
    List<Path> dirs = checkpointDirs();
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Optional<Checkpoint> c = load(dirs.get(i), epochOf(dirs.get(i)));
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** Every complete checkpoint, oldest first. */
  public synchronized List<Checkpoint> list() throws IOException {
    List<Checkpoint> out = new ArrayList<>();
    for (Path d : checkpointDirs()) {
      load(d, epochOf(d)).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Restores the session's variables from a checkpoint; counts as the session's initialization.
   *
   * @throws IOException naming the checkpoint if TensorFlow cannot restore it (missing files, or
   *     variables of the graph that the checkpoint does not hold)
   */
  public void restore(Session session, Checkpoint checkpoint) throws IOException {
    try {
      session.restore(checkpoint.variablesPrefix());
    } catch (RuntimeException e) {
      throw new IOException("cannot restore checkpoint " + checkpoint.dir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records {@code checkpoint} as the best one: links (or copies) its files into a new {@code
   * best-*} directory, then atomically rewrites the {@code BEST} pointer, then deletes older copies.
   */
  public synchronized Checkpoint markBest(Checkpoint checkpoint) throws IOException {
    Path staged;
    try {
      staged = DurableFiles.createStagingDirectory(dir, TEMP_PREFIX);
    } catch (IOException e) {
      throw new IOException("cannot write the best checkpoint into " + dir + ": " + e, e);
    }
    Path bestDir = dir.resolve(BEST_PREFIX + staged.getFileName().toString().substring(TEMP_PREFIX.length()));
    try {
      DurableFiles.linkOrCopyFiles(checkpoint.dir(), staged);
      DurableFiles.syncTree(staged);
      Files.move(staged, bestDir, StandardCopyOption.ATOMIC_MOVE);
      DurableFiles.sync(dir);
      DurableFiles.writeAtomically(dir.resolve(BEST_POINTER), bestDir.getFileName() + "\n");
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staged, e);
      deleteQuietly(bestDir, e);
      throw e;
    }
    for (Path d : entries(BEST_NAME)) {
      if (!d.equals(bestDir)) {
        FileTrees.deleteTree(d);
      }
    }
    return new Checkpoint(bestDir, checkpoint.meta());
  }

  /** The checkpoint recorded by {@link #markBest}, if any and complete. */
  public synchronized Optional<Checkpoint> best() throws IOException {
    Path pointer = dir.resolve(BEST_POINTER);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    String name = Files.readString(pointer).trim();
    if (!BEST_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return load(dir.resolve(name), -1);
  }

  // ---- internals

  static String checkpointName(int epoch) {
    return String.format("%s%06d", CHECKPOINT_PREFIX, epoch);
  }

  private static int epochOf(Path checkpointDir) {
    Matcher m = CHECKPOINT_NAME.matcher(checkpointDir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException("not a checkpoint directory: " + checkpointDir);
    }
    return Integer.parseInt(m.group(1));
  }

  /** A complete checkpoint in {@code d}, or empty; {@code expectedEpoch < 0} accepts any epoch. */
  private static Optional<Checkpoint> load(Path d, int expectedEpoch) throws IOException {
    Path metaFile = d.resolve(Checkpoint.META_FILE);
    Path index = d.resolve(Checkpoint.INDEX_FILE);
    if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(index) || Files.size(index) == 0
        || !hasDataFile(d)) {
      return Optional.empty();
    }
    CheckpointMeta meta;
    try {
      meta = JSON.readValue(metaFile.toFile(), CheckpointMeta.class);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // garbled or truncated meta.json
    }
    if (meta == null || (expectedEpoch >= 0 && meta.epoch() != expectedEpoch)) {
      return Optional.empty();
    }
    return Optional.of(new Checkpoint(d, meta));
  }

  private static boolean hasDataFile(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      return files.anyMatch(
          f -> f.getFileName().toString().startsWith(Checkpoint.VARIABLES_PREFIX + ".data-"));
    }
  }

  /** Moves a finished temp directory to its final name; a same-named old one is replaced. */
  private void publish(Path tmp, Path target) throws IOException {
    Path trash = null;
    if (Files.exists(target)) {
      trash = dir.resolve(TRASH_PREFIX + tmp.getFileName().toString().substring(TEMP_PREFIX.length()));
      Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    DurableFiles.sync(dir);
    if (trash != null) {
      FileTrees.deleteTree(trash);
    }
  }

  /** Deletes lost-future checkpoints, checkpoints beyond the newest keepLast, and leftovers. */
  private void prune(int savedEpoch) throws IOException {
    List<Path> dirs = checkpointDirs();
    int kept = 0;
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Path d = dirs.get(i);
      int epoch = epochOf(d);
      boolean keep = epoch <= savedEpoch && kept < keepLast && load(d, epoch).isPresent();
      if (keep) {
        kept++;
      } else {
        FileTrees.deleteTree(d);
      }
    }
    for (String leftover : List.of(TEMP_PREFIX, TRASH_PREFIX)) {
      for (Path d : entries(Pattern.compile(Pattern.quote(leftover) + ".*"))) {
        FileTrees.deleteTree(d);
      }
    }
  }

  /** Checkpoint directories ({@code ckpt-N}), by ascending epoch. */
  private List<Path> checkpointDirs() throws IOException {
    List<Path> dirs = new ArrayList<>(entries(CHECKPOINT_NAME));
    dirs.removeIf(d -> !Files.isDirectory(d));
    dirs.sort(Comparator.comparingInt(CheckpointStore::epochOf));
    return dirs;
  }

  private List<Path> entries(Pattern name) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> name.matcher(p.getFileName().toString()).matches()).toList();
    }
  }

  private static void deleteQuietly(Path path, Exception primary) {
    try {
      FileTrees.deleteTree(path);
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
