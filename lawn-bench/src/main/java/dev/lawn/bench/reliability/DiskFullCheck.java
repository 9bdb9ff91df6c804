package dev.lawn.bench.reliability;

import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checkpoint writes that fail for lack of space or rights: the trainer runs until it has
 * checkpointed epoch {@value #EPOCHS_BEFORE_FAULT} (then is killed); for each fault in turn, a life
 * under that fault must stop with a one-line error and leave the previous checkpoint byte for byte
 * intact; with the faults removed, a last life must resume from that checkpoint and finish (and,
 * given a reference run, match it). Resuming from epoch 1 also covers the resume from the first
 * checkpoint of a run.
 */
public final class DiskFullCheck {

  /** Epochs checkpointed before the faults. */
  static final int EPOCHS_BEFORE_FAULT = 1;

  private final TrainChild child;

  /** @param child starts the trainer ({@code lawn train}, or lawn-train's {@code TrainMain}) */
  public DiskFullCheck(TrainChild child) {
    this.child = child;
  }

  /**
   * Runs the lives in {@code workDir/disk-full/}.
   *
   * @param reference an uninterrupted run of {@code settings} to compare the resumed run with, or null
   */
  public List<Check> run(List<OutputFault> faults, TrainSettings settings, Path workDir, Path reference)
      throws IOException, InterruptedException {
    if (settings.epochs() <= EPOCHS_BEFORE_FAULT) {
      throw new IllegalArgumentException("needs more than " + EPOCHS_BEFORE_FAULT + " epochs, got " + settings.epochs());
    }
    Path dir = workDir.resolve("disk-full");
    Path runDir = dir.resolve("run");
    List<Check> checks = new ArrayList<>();

    CheckpointTorture.killAfterCheckpoint(child, settings, runDir, dir.resolve("life-1.log"), EPOCHS_BEFORE_FAULT);
    Checkpoint before = new CheckpointStore(runDir.resolve(RunDirs.CHECKPOINTS), 1).latest().orElseThrow();
    Map<String, byte[]> files = contents(before.dir());
    Set<String> staleStaging = StagingSnapshot.names(runDir); // the kill may have cut a best-copy short

    for (OutputFault fault : faults) {
      Path faultyLog = dir.resolve("life-" + fault.name().toLowerCase(Locale.ROOT) + ".log");
      int code;
      fault.apply(runDir, dir);
      try {
        code = child.run(settings.arguments(runDir), faultyLog, fault.fileSizeLimitKiB());
      } finally {
        fault.remove(runDir, dir);
      }
      checks.add(errorCheck(fault, code, faultyLog));
      checks.add(intactCheck(fault, runDir, before, files, staleStaging));
    }

    Path resumedLog = dir.resolve("life-resumed.log");
    int resumed = child.run(settings.arguments(runDir), resumedLog);
    String resumeLine = "resumed from " + before.dir();
    boolean fromIt = Files.readString(resumedLog).contains(resumeLine);
    checks.add(new Check("resumes once the faults are gone", resumed == 0 && fromIt,
        "exit " + resumed + (fromIt ? ", " + resumeLine.replace(runDir.toString(), "RUN_DIR")
            : ", did not resume from " + before.dir()) + (resumed == 0 ? "" : "; " + lastLine(resumedLog))));
    if (reference != null && resumed == 0) {
      MetricsRows.Agreement agreement = MetricsRows.compare(MetricsRows.read(reference), MetricsRows.read(runDir), 1);
      checks.add(new Check("resumed run equals the reference", agreement.within(TortureVerifier.TOLERANCE),
          agreement.describe()));
    }
    return checks;
  }

  /**
   * A first life none of whose file writes succeed ({@code ulimit -f 0}: the first one is {@code
   * config.json}) must fail, and must leave a run folder that the next life, with the limit gone,
   * starts in and trains to the end: what a full disk (or a kill) during a run's very first write
   * leaves behind.
   *
   * @param settings a short run (2 epochs is enough)
   */
  public Check failedStart(TrainSettings settings, Path workDir) throws IOException, InterruptedException {
    Path dir = workDir.resolve("failed-start");
    Path runDir = dir.resolve("run");
    int first = child.run(settings.arguments(runDir), dir.resolve("life-1.log"), 0);
    List<String> left;
    try (Stream<Path> files = Files.list(runDir)) {
      left = files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (java.nio.file.NoSuchFileException none) {
      left = List.of();
    }
    Path log = dir.resolve("life-2.log");
    int second = child.run(settings.arguments(runDir), log);
    boolean finished = Files.exists(runDir.resolve(RunDirs.SUMMARY));
    return new Check("a run whose first write failed starts again", first != 0 && second == 0 && finished,
        "first life (no file writable) exit " + first + ", left " + left + "; second life exit " + second
            + (finished ? ", finished" : "; " + lastLine(log)));
  }

  /** The trainer's own error line, or the last line (a stack trace's head). */
  private static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return lines.stream().filter(TrainerLog::isMessage).findFirst()
        .map(l -> l + (lines.stream().filter(x -> x.startsWith("java.") || x.startsWith("\tat ")).findFirst()
            .map(x -> " / " + x.strip()).orElse("")))
        .orElse(lines.isEmpty() ? "empty log" : lines.get(lines.size() - 1));
  }
  /** Non-zero exit, a "lawn train: ..." (or "lawn-train: ...") line, no Java stack trace. */
  static Check errorCheck(OutputFault fault, int code, Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    Optional<String> message = lines.stream().filter(TrainerLog::isMessage).findFirst();
    boolean trace = lines.stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("internal error"));
    boolean ok = code != 0 && message.isPresent() && !trace;
    return new Check(fault + ": clear one-line error", ok, "exit " + code + ", "
        + message.map(m -> "'" + m + "'").orElse("no 'lawn train: ' error line") + (trace ? ", WITH a stack trace" : ""));
  }

  /** The checkpoint from before the fault is still the latest, byte for byte; nothing half-written is left. */
  static Check intactCheck(OutputFault fault, Path runDir, Checkpoint before, Map<String, byte[]> files,
      Set<String> staleStaging) throws IOException {
    CheckpointStore store = new CheckpointStore(runDir.resolve(RunDirs.CHECKPOINTS), 1);
    Optional<Checkpoint> latest = store.latest();
    List<String> problems = new ArrayList<>();
    if (latest.isEmpty() || !latest.get().dir().equals(before.dir())) {
      problems.add("latest is " + latest.map(c -> c.dir().getFileName().toString()).orElse("none"));
    }
    Map<String, byte[]> now = contents(before.dir());
    if (!now.keySet().equals(files.keySet())) {
      problems.add("files " + files.keySet() + " became " + now.keySet());
    } else {
      for (String f : files.keySet()) {
        if (!java.util.Arrays.equals(files.get(f), now.get(f))) {
          problems.add(f + " changed");
        }
      }
    }
    Set<String> staging = new TreeSet<>(StagingSnapshot.names(runDir));
    staging.removeAll(staleStaging);
    if (!staging.isEmpty()) {
      problems.add("staging left: " + staging);
    }
    return new Check(fault + ": previous checkpoint intact", problems.isEmpty(),
        problems.isEmpty() ? before.dir().getFileName() + " still the latest, " + files.size() + " files byte-identical"
            : String.join("; ", problems));
  }

  private static Map<String, byte[]> contents(Path dir) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        out.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }
}
