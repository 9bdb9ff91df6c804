package dev.lawn.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.train.log.MetricsLog;
import dev.lawn.train.log.TensorBoardWriter;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's folder: {@code config.json} (what the run is), {@code model.json} (what serving needs to
 * rebuild the model), {@code metrics.jsonl}/{@code .csv}, {@code checkpoints/}, {@code tensorboard/},
 * and {@code summary.json}, written last and atomically: its presence means the run finished.
 *
 * <p>A folder opened {@linkplain #openForTraining for training} is held by a {@link RunLock} until
 * {@link #close()}: a second process on the same folder fails before it writes anything.
 */
public final class RunDirectory implements AutoCloseable {

  // The run folder's names, in one place: readers (report, sweep, the harnesses) use these too.
  /** The run's configuration, written when the run starts; a resume must match it. */
  public static final String CONFIG = "config.json";
  /** What rebuilds the model (kind, shapes, options) for export and prediction. */
  public static final String MODEL = "model.json";
  /** The run's final metrics, written last and atomically: its presence means the run finished. */
  public static final String SUMMARY = "summary.json";
  /** One JSON object per evaluation, a line each (written by {@link MetricsLog}). */
  public static final String METRICS = MetricsLog.JSONL_FILE;
  /** The checkpoint folder. */
  public static final String CHECKPOINTS = "checkpoints";
  /** TensorBoard's event files (written by {@link TensorBoardWriter}). */
  public static final String TENSORBOARD = TensorBoardWriter.SUBDIR;
  /** The exported SavedModel. */
  public static final String SAVED_MODEL = "saved_model";
  /**
   * Options that may differ when a run is resumed: they change how it is run, not what it computes.
   * The placement options are among them (a run may resume on other machines or devices), which also
   * lets runs started before those options existed resume.
   */
  public static final Set<String> RESUMABLE_KEYS = Set.of("data_dir", "threads", "eval_every", "checkpoint_every",
      "keep_checkpoints", "devices", "cluster", "cluster_timeout_seconds", "worker_input", "image_store");

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Keys added after run folders were first written (and not {@link #RESUMABLE_KEYS}), with the
   * value their absence means, as JSON text: the default of {@link TrainConfig#defaults()}, or for a
   * {@link Fit}'s {@code accumulate} 1. A run written before the key existed resumes when the key has
   * that value.
   */
  public static final Map<String, String> LATER_KEYS = laterKeys();
  /** The {@link #LATER_KEYS} a {@link Fit}'s config.json has ({@code "api": "fit"}). */
  private static final Set<String> FIT_LATER_KEYS = Set.of("accumulate", "epsilon", "clip_norm");

  private final Path dir;
  /** Held from {@link #openForTraining} to {@link #close()}; null for a folder opened for reading. */
  private final RunLock lock;

  private RunDirectory(Path dir, RunLock lock) {
    this.dir = dir;
    this.lock = lock;
  }

  /** An existing run folder, for reading (report, export). */
  public static RunDirectory existing(Path dir) {
    if (!Files.isRegularFile(dir.resolve(CONFIG))) {
      throw new IllegalArgumentException(dir + " is not a run directory (no " + CONFIG + ")");
    }
    return new RunDirectory(dir, null);
  }

  /**
   * Opens {@code dir} for {@code config}: creates it for a new run, or accepts it for a resume when
   * it holds an unfinished run with the same settings. The folder is locked until {@link #close()};
   * nothing is written into it before the lock is held.
   *
   * @throws IllegalArgumentException when the folder holds a finished run or one with other settings
   * @throws RunLock.InUseException when another process (or another run in this one) holds the folder
   */
  public static RunDirectory openForTraining(Path dir, TrainConfig config) throws IOException {
    return openForTraining(dir, JSON.valueToTree(config));
  }

  /**
   * Opens {@code dir} for a run whose settings are {@code wanted} (its {@code config.json}), as
   * {@link #openForTraining(Path, TrainConfig)} does: a {@link Fit} of the user's own model uses it.
   */
  public static RunDirectory openForTraining(Path dir, JsonNode wanted) throws IOException {
    checkReusable(dir, wanted); // before locking: a folder that is not ours gets no lock file
    RunLock lock = RunLock.acquire(dir);
    try {
      checkReusable(dir, wanted); // again: the holder before us may have finished the run meanwhile
      RunDirectory run = new RunDirectory(dir, lock);
      run.writeJson(CONFIG, wanted);
      return run;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Releases the folder's lock (a no-op for a folder opened for reading). */
  @Override
  public void close() throws IOException {
    if (lock != null) {
      lock.close();
    }
  }

  private static void checkReusable(Path dir, JsonNode wanted) {
    if (Files.exists(dir.resolve(SUMMARY))) {
      throw new IllegalArgumentException("--out " + dir + " already holds a finished run (" + SUMMARY
          + "); choose another --out or delete it");
    }
    Path configFile = dir.resolve(CONFIG);
    if (Files.exists(configFile)) {
      JsonNode previous;
      try {
        previous = JSON.readTree(configFile.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException(configFile + ": unreadable run configuration: " + e.getMessage());
      }
      List<String> differences = differences(previous, wanted);
      if (!differences.isEmpty()) {
        throw new IllegalArgumentException("--out " + dir + " holds an unfinished run with other settings ("
            + String.join(", ", differences) + "); resume it with the same settings or choose another --out");
      }
    } else if (Files.exists(dir) && !isEmptyDirectory(dir)) {
      throw new IllegalArgumentException("--out " + dir + " exists and is not a run directory; choose another --out");
    }
  }

  public Path path() {
    return dir;
  }

  public Path checkpoints() {
    return dir.resolve(CHECKPOINTS);
  }

  /** Whether {@code summary.json} exists. */
  public boolean finished() {
    return Files.exists(dir.resolve(SUMMARY));
  }

  /** Reads one of the run's JSON files. */
  public JsonNode readJson(String name) throws IOException {
    try {
      return JSON.readTree(dir.resolve(name).toFile());
    } catch (IOException e) {
      throw new IOException(dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The run's configuration; keys its file lacks (written before they existed) take their defaults.
   *
   * @throws IllegalArgumentException naming the file and the option of an impossible value
   */
  public TrainConfig config() throws IOException {
    TrainConfigJson json = JSON.treeToValue(readJson(CONFIG), TrainConfigJson.class);
    try {
      return json.toConfig();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(dir.resolve(CONFIG) + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code value} as JSON to a temporary file, fsyncs it, and renames it into place. */
  public void writeJson(String name, Object value) throws IOException {
    writeJsonAtomically(dir.resolve(name), value);
  }

  /** Writes {@code value} as JSON to a temporary file next to {@code target}, fsyncs it, and renames it into place. */
  public static void writeJsonAtomically(Path target, Object value) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try {
      try (var out = Files.newOutputStream(tmp)) {
        JSON.writeValue(new NonClosing(out), value);
        out.flush();
      }
      try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * How an earlier run's {@code config.json} differs from the wanted configuration in what it
   * computes, as {@code key old -> new}: every key but {@link #RESUMABLE_KEYS}, compared as JSON
   * text, a key absent from the earlier file counting as its {@link #LATER_KEYS} value. Empty means
   * the earlier run may be resumed (or, once finished, reused) for the wanted one.
   */
  public static List<String> differences(JsonNode previous, JsonNode wanted) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = wanted.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (RESUMABLE_KEYS.contains(key)) {
        continue;
      }
      JsonNode a = previous.get(key);
      JsonNode b = wanted.get(key);
      if (a == null && b.toString().equals(LATER_KEYS.get(key))) {
        continue;
      }
      if (a == null || !a.toString().equals(b.toString())) { // 3 read back is an int, 3L a long
        out.add(key + " " + (a == null ? "unset" : a.toString()) + " -> " + b);
      }
    }
    return out;
  }

  /**
   * Empty, or holding only logs (a sweep writes the child's {@code train.log} before it starts) and
   * what a run killed before its first write leaves: the lock file, this class's temp files.
   */
  private static boolean isEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.allMatch(p -> Files.isRegularFile(p) && (p.getFileName().toString().endsWith(".log")
          || p.getFileName().toString().equals(RunLock.FILE)
          || p.getFileName().toString().matches("\\.[a-z]+\\.json\\.tmp")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Jackson closes the stream it writes to; we close (and fsync) it ourselves. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static Map<String, String> laterKeys() {
    JsonNode defaults = JSON.valueToTree(TrainConfig.defaults());
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String key : List.of("augmentation", "image_size", "train_size", "epsilon", "clip_norm", "image_store")) {
      out.put(key, defaults.get(key).toString());
    }
    out.put("accumulate", "1");
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * {@code config} (a run's settings as a map, as config.json or summary.json hold them) with each
   * {@link #LATER_KEYS} key it lacks set to the value its absence means, so that a folder written
   * before a key existed reads as one written after ({@code lawn report} puts them in one cell). Only
   * keys of the config's kind are added: {@code accumulate}, {@code epsilon} and {@code clip_norm} to a {@link Fit}'s ({@code "api": "fit"}),
   * all but {@code accumulate} to {@code lawn train}'s (which name a {@code model}, {@code data} and
   * {@code optimizer});
   * any other map is returned as it is.
   */
  public static Map<String, Object> withLaterKeys(Map<String, ?> config) {
    boolean fit = "fit".equals(config.get("api"));
    boolean zoo = !fit && config.get("model") instanceof String && config.get("data") instanceof String
        && config.containsKey("optimizer");
    Map<String, Object> out = new java.util.LinkedHashMap<>(config);
    LATER_KEYS.forEach((key, json) -> {
      boolean ofItsKind = fit ? FIT_LATER_KEYS.contains(key) : zoo && !key.equals("accumulate");
      if (ofItsKind && !out.containsKey(key)) {
        try {
          out.put(key, JSON.readValue(json, Object.class));
        } catch (IOException e) {
          throw new IllegalStateException("LATER_KEYS value of " + key + " is not JSON: " + json, e);
        }
      }
    });
    return out;
  }

  /** A config as a JSON object (for summaries). */
  static ObjectNode toJson(TrainConfig config) {
    return JSON.valueToTree(config);
  }
}
