package dev.lawn.bench.reliability;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of a checkpoint torture: what was run, the kills, the checks.
 *
 * @param trainArguments the {@code lawn train} options (without {@code --out})
 * @param referenceSeconds wall time of the uninterrupted run
 * @param startupMillis measured time to the trainer's start line (the kill planner's scale)
 * @param epochMillis measured wall time of one epoch
 * @param outcome the kills and the last child
 * @param checks every verified property
 */
public record TortureReport(List<String> trainArguments, double referenceSeconds, long startupMillis,
    long epochMillis, TortureOutcome outcome, List<Check> checks) {

  /** Freezes. */
  public TortureReport {
    trainArguments = List.copyOf(trainArguments);
    checks = List.copyOf(checks);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** Kills per aimed moment. */
  public Map<String, Long> killsByMoment() {
    Map<String, Long> out = new TreeMap<>();
    outcome.kills().forEach(k -> out.merge(k.moment().name(), 1L, Long::sum));
    return out;
  }

  /** Kills per interrupted checkpoint-write stage. */
  public Map<String, Long> interruptedWriteStages() {
    Map<String, Long> out = new TreeMap<>();
    outcome.kills().stream().filter(k -> k.interruptedWrite() != null)
        .forEach(k -> out.merge(k.interruptedWrite(), 1L, Long::sum));
    return out;
  }

  /** A human-readable account, one fact per line. */
  public String text() {
    StringBuilder s = new StringBuilder();
    s.append("checkpoint torture: lawn train ").append(String.join(" ", trainArguments)).append('\n');
    s.append(String.format("reference run: %.1f s (start-up %d ms, %d ms per epoch)%n", referenceSeconds,
        startupMillis, epochMillis));
    s.append(String.format("kills survived: %d in %d child processes, %.1f s; by moment %s%n",
        outcome.kills().size(), outcome.lives(), outcome.seconds(), killsByMoment()));
    s.append(String.format("kills that interrupted a checkpoint write: %d %s%n",
        outcome.killsDuringCheckpointWrites(), interruptedWriteStages()));
    for (Check c : checks) {
      s.append(c).append('\n');
    }
    s.append(passed() ? "RESULT: PASS" : "RESULT: FAIL").append('\n');
    return s.toString();
  }
}
