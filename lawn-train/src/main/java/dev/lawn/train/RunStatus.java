package dev.lawn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where one run stands, read from its folder without disturbing it: finished, running, paused or stopped,
 * how far it got, its loss and main metric, and how long it has left (or took).
 *
 * <pre>{@code
 * for (Path dir : RunFolders.find(List.of(Path.of("runs")))) {
 *   RunStatus status = RunStatus.read(dir);
 *   System.out.println(dir + " " + status.state() + " " + status.epoch() + "/" + status.epochs());
 * }
 * }</pre>
 *
 * <p>Reading is read-only and never fails on what a stranger (or a killed run) may have left: a torn
 * line of {@code metrics.jsonl}, a lock file without a PID, a {@code config.json} without
 * {@code epochs} each leave the value they would have given empty and add to {@link #problem()}.
 *
 * @param directory the run folder
 * @param state finished, running, paused, stopped or failed
 * @param epoch the last epoch logged (the summary's, for a finished run); empty before the first evaluation
 * @param epochs the epochs the run was configured for ({@code epochs} of {@code config.json})
 * @param step the last logged optimizer step
 * @param phase the LAWN phase of the last row ({@code free} or {@code constrained}), or null
 * @param loss the last row's training loss (empty also for a NaN, which JSON holds as null)
 * @param metric the run's main metric (see {@link #MAIN_METRICS}), or null when no row has one
 * @param metricValue its value in the last row that has it
 * @param secondsLeft for a running, paused or stopped run (not a failed one), the estimated training time left (see
 *     {@link #read}); empty when it cannot be estimated or the run is finished
 * @param wallSeconds for a finished run, its wall time ({@code wall_seconds} of {@code summary.json})
 * @param problem what could not be read, in a short sentence; null when everything could
 */
public record RunStatus(Path directory, State state, OptionalInt epoch, OptionalInt epochs, OptionalLong step,
    String phase, OptionalDouble loss, String metric, OptionalDouble metricValue, OptionalDouble secondsLeft,
    OptionalDouble wallSeconds, String problem) {

  /**
   * The main metric is the first of these a row has: the metric the trainer selects checkpoints by
   * ({@code Task.selectionMetric}), with validation ({@code val_...}) or without, for image
   * classification and for recommendation.
   */
  public static final List<String> MAIN_METRICS = List.of("val_accuracy", "val_hr@10", "accuracy", "hr@10");

  /** How many of the last logged epochs the time-left estimate averages over. */
  static final int RATE_EPOCHS = 3;

  /** Where a run stands. */
  public enum State {
    /** {@code summary.json} is there: the trainer wrote it last. */
    FINISHED,
    /** Unfinished, and a live process holds the folder's lock. */
    RUNNING,
    /**
     * Unfinished, held by a live process that a signal has stopped ({@code kill -STOP}, Ctrl-Z): it
     * goes on where it is when continued ({@code kill -CONT}, {@code fg}). Seen on Linux only; elsewhere
     * such a run shows as {@link #RUNNING}.
     */
    PAUSED,
    /** Unfinished and held by no one: resume it by running the same command again. */
    STOPPED,
    /**
     * Unfinished and held by no one, and the trainer itself ended it with an error ({@link RunFailure}:
     * a diverged loss, a failed write), which {@link RunStatus#problem()} names; running the same
     * command again would meet the same error unless its cause was outside the run (a full disk).
     */
    FAILED
  }

  /**
   * Reads the status of the run in {@code runDir}, opening only its files for reading.
   *
   * <p>A run without {@code summary.json} is {@link State#RUNNING} when this JVM holds it through
   * {@link RunLock}, or when the PID recorded in its lock file is a live process whose command is
   * {@code java} (or cannot be seen, as for another user's process), {@link State#PAUSED} when that
   * process is stopped by a signal; else {@link State#STOPPED}.
   * The lock file is read only when this JVM does not hold it (closing a descriptor of a file drops
   * this process's locks on it) and is never locked: a trainer starting at that moment would fail.
   * A PID the system has reused for another Java process makes a stopped run look running.
   *
   * <p>The time left is (seconds per epoch over the last {@value #RATE_EPOCHS} logged epochs) ×
   * (epochs left), from the cumulative {@code wall_seconds} of {@code metrics.jsonl} (training,
   * evaluation and checkpoints, not the time between a stop and its resume), or from
   * {@code train_seconds} in rows written before that column existed (training passes only); it
   * holds for a run that goes on at the pace it had.
   *
   * @throws IllegalArgumentException when {@code runDir} has no {@code config.json} (not a run)
   * @throws IOException only for a failure of the file system itself (a folder that cannot be listed)
   */
  public static RunStatus read(Path runDir) throws IOException {
    if (!Files.isRegularFile(runDir.resolve(RunDirectory.CONFIG))) {
      throw new IllegalArgumentException(runDir + " is not a run folder (no " + RunDirectory.CONFIG + ")");
    }
    List<String> problems = new ArrayList<>();
    OptionalInt epochs = configuredEpochs(runDir, problems);
    List<MetricsRow> rows = metrics(runDir, problems);
    boolean finished = Files.exists(runDir.resolve(RunDirectory.SUMMARY));
    OptionalDouble wall = OptionalDouble.empty();
    if (finished) {
      try {
        RunSummary summary = RunReader.summary(runDir);
        wall = summary.value("wall_seconds");
        rows.add(new MetricsRow(summary.fields())); // the summary starts with the last row's values
      } catch (IOException | RuntimeException e) {
        problems.add(shortMessage(e, runDir));
      }
    }
    Optional<ProcessHandle> holder = finished ? Optional.empty() : RunHolder.holder(runDir, problems);
    State state = finished ? State.FINISHED : holder.isEmpty() ? State.STOPPED
        : RunHolder.isPaused(holder.get()) ? State.PAUSED : State.RUNNING;
    if (state == State.STOPPED) {
      Optional<String> failure = RunFailure.read(runDir);
      if (failure.isPresent()) {
        state = State.FAILED;
        problems.add(0, failure.get());
      }
    }
    MetricsRow last = rows.isEmpty() ? new MetricsRow(Map.of()) : rows.get(rows.size() - 1);
    OptionalInt epoch = intOf(last.value("epoch"));
    String metric = null;
    OptionalDouble metricValue = OptionalDouble.empty();
    for (int i = rows.size() - 1; i >= 0 && metric == null; i--) {
      for (String name : MAIN_METRICS) {
        if (rows.get(i).value(name).isPresent()) {
          metric = name;
          metricValue = rows.get(i).value(name);
          break;
        }
      }
    }
    OptionalDouble left = state == State.RUNNING || state == State.PAUSED || state == State.STOPPED ? secondsLeft(rows, epochs)
        : OptionalDouble.empty();
    OptionalDouble loss = last.value("loss");
    OptionalLong step = last.value("step").isPresent()
        ? OptionalLong.of((long) last.value("step").getAsDouble()) : OptionalLong.empty();
    return new RunStatus(runDir, state, epoch, epochs, step, last.phase(), loss, metric, metricValue, left, wall,
        problems.isEmpty() ? null : String.join("; ", problems));
  }

  /**
   * The status of every run folder under {@code paths} (see {@link RunFolders#find}), sorted by path.
   *
   * @throws IllegalArgumentException naming a path that does not exist or is not a folder
   */
  public static List<RunStatus> under(List<Path> paths) throws IOException {
    List<RunStatus> out = new ArrayList<>();
    for (Path dir : RunFolders.find(paths)) {
      out.add(read(dir));
    }
    return out;
  }

  /** Whether the run still has to be resumed or waited for (running, paused, stopped or failed). */
  public boolean unfinished() {
    return state != State.FINISHED;
  }

  /**
   * (Seconds per epoch over the last logged epochs) × (epochs left), from rows that have both
   * {@code epoch} and {@code wall_seconds} (else {@code train_seconds}); a single such row counts from
   * the start (epoch 0 at 0 s).
   */
  static OptionalDouble secondsLeft(List<MetricsRow> rows, OptionalInt epochs) {
    // wall_seconds (evaluation and checkpoints included) where the rows have it; rows of runs written
    // before it existed have only train_seconds, which runs a little short.
    List<double[]> points = timeline(rows, "wall_seconds");
    if (points.isEmpty()) {
      points = timeline(rows, "train_seconds");
    }
    if (points.isEmpty() || epochs.isEmpty()) {
      return OptionalDouble.empty();
    }
    double[] to = points.get(points.size() - 1);
    double[] from = new double[] {0, 0};
    for (int i = points.size() - 2; i >= 0; i--) {
      from = points.get(i);
      if (to[0] - from[0] >= RATE_EPOCHS) {
        break;
      }
    }
    double epochsLeft = Math.max(0, epochs.getAsInt() - to[0]);
    double span = to[0] - from[0];
    double seconds = to[1] - from[1];
    if (span <= 0 || seconds < 0 || !Double.isFinite(seconds)) {
      return OptionalDouble.empty(); // rows out of order (a stranger's file): no pace to speak of
    }
    return OptionalDouble.of(seconds / span * epochsLeft);
  }

  /** (epoch, seconds) of the rows that have both. */
  private static List<double[]> timeline(List<MetricsRow> rows, String secondsKey) {
    List<double[]> points = new ArrayList<>();
    for (MetricsRow row : rows) {
      OptionalDouble e = row.value("epoch");
      OptionalDouble t = row.value(secondsKey);
      if (e.isPresent() && t.isPresent()) {
        points.add(new double[] {e.getAsDouble(), t.getAsDouble()});
      }
    }
    return points;
  }

  private static OptionalInt configuredEpochs(Path runDir, List<String> problems) {
    try {
      Object value = RunReader.config(runDir).get("epochs");
      if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 0) {
        return OptionalInt.of(n.intValue());
      }
      problems.add(RunDirectory.CONFIG + " has no whole number of epochs"
          + (value == null ? "" : " (epochs: " + value + ")"));
    } catch (IOException | RuntimeException e) {
      problems.add(shortMessage(e, runDir));
    }
    return OptionalInt.empty();
  }

  /** The rows that can be read; a missing file is normal before the first evaluation. */
  private static List<MetricsRow> metrics(Path runDir, List<String> problems) {
    List<RunFormatException> skipped = new ArrayList<>();
    List<MetricsRow> rows = new ArrayList<>();
    try {
      rows.addAll(RunReader.readableMetrics(runDir, skipped::add));
    } catch (NoSuchFileException e) {
      // no evaluation yet
    } catch (IOException | RuntimeException e) {
      problems.add(shortMessage(e, runDir));
    }
    if (!skipped.isEmpty()) {
      String first = fileName(skipped.get(0).getMessage(), runDir);
      problems.add(skipped.size() == 1 ? "skipped " + first
          : "skipped " + skipped.size() + " unreadable lines, the first " + first);
    }
    return rows;
  }

  private static OptionalInt intOf(OptionalDouble value) {
    return value.isPresent() ? OptionalInt.of((int) value.getAsDouble()) : OptionalInt.empty();
  }

  /** A problem without the folder's path in front: the status already names the folder. */
  static String shortMessage(Exception e, Path runDir) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return fileName(message.replaceAll("\\s*\\R\\s*", " "), runDir);
  }

  private static String fileName(String message, Path runDir) {
    return message.replace(runDir.toString() + java.io.File.separator, "");
  }

  /** A short form for messages and debugging: the folder, its state and its problem. */
  @Override
  public String toString() {
    return directory + ": " + state + Optional.ofNullable(problem).map(p -> " (" + p + ")").orElse("");
  }
}
