package dev.lawn.data.fuzz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of one fuzz run over one target, and the first failures in detail. */
final class FuzzReport {

  private static final int KEPT_FAILURES = 25;

  private final String target;
  private final FuzzSettings settings;
  private final Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
  private final Map<String, Integer> wholeFileKinds = new TreeMap<>();
  private final Map<String, Integer> failureKinds = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private int boundaryCases;
  private int randomCases;
  private long slowestNanos;
  private long elapsedNanos;

  FuzzReport(String target, FuzzSettings settings) {
    this.target = target;
    this.settings = settings;
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0);
    }
  }

  void count(boolean boundary, Verdict v, long nanos) {
    if (boundary) {
      boundaryCases++;
    } else {
      randomCases++;
    }
    counts.merge(v, 1, Integer::sum);
    slowestNanos = Math.max(slowestNanos, nanos);
  }

  /** Records a whole-file error by its message with file paths and numbers blanked out. */
  void wholeFile(String message, String dirPrefix) {
    wholeFileKinds.merge(kind(message, dirPrefix), 1, Integer::sum);
  }

  /** Records a failure: its kind always, the case in detail for the first few. */
  void failure(String caseId, String description, String reason, String dirPrefix) {
    failureKinds.merge(kind(reason, dirPrefix), 1, Integer::sum);
    if (failures.size() < KEPT_FAILURES) {
      failures.add(caseId + " [" + description + "]: " + reason);
    }
  }

  private static String kind(String message, String dirPrefix) {
    String k = message.replace(dirPrefix, "").replaceAll("[0-9]+", "N");
    return k.length() <= 200 ? k : k.substring(0, 200) + "...";
  }

  void elapsed(long nanos) {
    elapsedNanos = nanos;
  }

  int count(Verdict v) {
    return counts.get(v);
  }

  int cases() {
    return boundaryCases + randomCases;
  }

  List<String> failures() {
    return failures;
  }

  Map<String, Integer> wholeFileKinds() {
    return wholeFileKinds;
  }

  /** One summary line. */
  String summary() {
    return String.format("fuzz %-16s seed %d: %6d cases (%4d boundary truncations + %6d random): parsed %5d, "
        + "located errors %6d, whole-file errors %5d, FAILURES %d; %.1f s, slowest case %d ms", target, settings.seed(),
        cases(), boundaryCases, randomCases, count(Verdict.PARSED), count(Verdict.LOCATED_ERROR),
        count(Verdict.WHOLE_FILE_ERROR), count(Verdict.FAILURE), elapsedNanos / 1e9, slowestNanos / 1_000_000);
  }

  /** The summary, the kinds of whole-file errors and the kept failures. */
  String details() {
    StringBuilder s = new StringBuilder(summary()).append('\n');
    wholeFileKinds.forEach((k, n) -> s.append("  whole-file x").append(n).append(": ").append(k).append('\n'));
    failureKinds.forEach((k, n) -> s.append("  failure kind x").append(n).append(": ").append(k).append('\n'));
    for (String f : failures) {
      s.append("  FAILURE ").append(f).append('\n');
    }
    return s.toString();
  }
}
