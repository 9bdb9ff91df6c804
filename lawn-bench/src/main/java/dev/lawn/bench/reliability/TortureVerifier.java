package dev.lawn.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.log.CorruptEventFileException;
import dev.lawn.train.log.EventFileReader;
import dev.lawn.train.log.ScalarEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a tortured run with an uninterrupted reference run of the same settings: finished,
 * checkpoints sound and equal, per-epoch metrics and the summary's selection equal.
 */
final class TortureVerifier {

  /** Largest relative difference of a metric still called equal (the brief's 1e-6; CPU runs are exact). */
  static final double TOLERANCE = 1e-6;

  private TortureVerifier() {}

  static List<Check> verify(Path reference, Path tortured, TortureOutcome outcome) throws IOException {
    List<Check> checks = new ArrayList<>();
    boolean summary = Files.isRegularFile(tortured.resolve(RunDirs.SUMMARY));
    checks.add(new Check("finished", outcome.finalExitCode() == 0 && summary,
        (outcome.killedAfterFinish() ? "the last child finished, then a planned kill landed"
            : "last child exit code " + outcome.finalExitCode()) + ", summary.json " + (summary ? "present" : "MISSING")));
    List<String> afterKills = outcome.kills().stream()
        .flatMap(k -> k.checkpointProblems().stream().map(p -> "kill " + k.number() + ": " + p)).toList();
    checks.add(new Check("published checkpoints sound after every kill", afterKills.isEmpty(),
        afterKills.isEmpty() ? outcome.kills().size() + " audits, no incomplete or truncated checkpoint" : afterKills.toString()));
    checks.addAll(CheckpointAudit.audit(tortured, reference));

    MetricsRows.Agreement metrics = MetricsRows.compare(MetricsRows.read(reference), MetricsRows.read(tortured), 1);
    checks.add(new Check("per-epoch metrics equal the reference's", metrics.within(TOLERANCE), metrics.describe()));
    if (summary) {
      checks.add(summaryCheck(RunDirs.summary(reference), RunDirs.summary(tortured)));
    }
    checks.add(eventFiles(tortured));
    return checks;
  }

  /** The summary's selection (best epoch and metric) and switch agree with the reference's. */
  static Check summaryCheck(JsonNode reference, JsonNode tortured) {
    List<String> keys = new ArrayList<>(List.of("switch_epoch", "switch_reason"));
    for (Iterator<String> it = reference.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.startsWith("best_")) {
        keys.add(key);
      }
    }
    List<String> differing = new ArrayList<>();
    for (String key : keys) {
      if (!reference.path(key).equals(tortured.path(key))) {
        differing.add(key + " " + reference.path(key) + " vs " + tortured.path(key));
      }
    }
    return new Check("summary's best/switch equal the reference's", differing.isEmpty(),
        differing.isEmpty() ? keys + " equal" : String.join("; ", differing));
  }

  /**
   * TensorBoard events files: each child writes its own; a kill can tear the last record, which
   * TensorBoard skips, and epochs redone after a resume are logged again. Informational: counted,
   * never a failure.
   */
  static Check eventFiles(Path runDir) throws IOException {
    Path dir = runDir.resolve(RunDirectory.TENSORBOARD);
    if (!Files.isDirectory(dir)) {
      return new Check("tensorboard files (information)", true, "no tensorboard folder");
    }
    int torn = 0;
    Map<String, Set<Float>> valuesByTagAndStep = new HashMap<>();
    Map<String, Integer> logged = new HashMap<>();
    List<Path> files = EventFileReader.eventFiles(dir);
    for (Path f : files) {
      try {
        for (ScalarEvent e : EventFileReader.readScalars(f)) {
          String key = e.tag() + "@" + e.step();
          logged.merge(key, 1, Integer::sum);
          valuesByTagAndStep.computeIfAbsent(key, k -> new HashSet<>()).add(e.value());
        }
      } catch (CorruptEventFileException e) {
        torn++;
      }
    }
    long again = logged.values().stream().filter(n -> n > 1).count();
    long differing = valuesByTagAndStep.entrySet().stream()
        .filter(e -> !e.getKey().contains("second") && e.getValue().size() > 1) // timings differ anyway
        .count();
    return new Check("tensorboard files (information)", true, files.size() + " events files, " + torn
        + " with a torn record; " + again + " of " + logged.size() + " (scalar, step) pairs logged more than once, "
        + differing + " of them with differing values (timings not counted)");
  }
}
