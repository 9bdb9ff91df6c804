package dev.lawn.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole disk-full harness: an optional uninterrupted reference run, the {@link DiskFullCheck}
 * lives under each fault, and a run whose very first checkpoint write failed, reported as text.
 *
 * <pre>{@code
 * TrainChild child = TrainChild.trainMain(List.of()); // lawn-train's TrainMain; the CLI passes lawn train
 * DiskFullHarness.Result result = new DiskFullHarness(child, List.of(OutputFault.FILE_SIZE_LIMIT), 4, true)
 *     .run(Path.of("/tmp/diskfull"));
 * System.out.print(result.text());
 * }</pre>
 *
 * @param child starts the trainer under test
 * @param faults the faults to try, in turn
 * @param epochs epochs of the run (at least 2)
 * @param reference whether to train an uninterrupted reference and compare the resumed runs with it
 */
public record DiskFullHarness(TrainChild child, List<OutputFault> faults, int epochs, boolean reference) {

  /**
   * What the harness found.
   *
   * @param checks every check, in order; empty when the reference run failed
   * @param text the report ({@code disk-full-report.txt}), ending in {@code RESULT: PASS} or {@code FAIL}
   */
  public record Result(List<Check> checks, String text) {

    /** Whether there were checks and every one passed. */
    public boolean passed() {
      return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }
  }

  /** Freezes the fault list. */
  public DiskFullHarness {
    faults = List.copyOf(faults);
  }

  /**
   * Runs in {@code work} (synthetic ratings, runs, logs) and writes {@code disk-full-report.txt} there.
   *
   * @throws IOException when the reference run fails (naming its log)
   */
  public Result run(Path work) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    TrainSettings settings = new TrainSettings(data, epochs, 256, 1, List.of());
    Path referenceRun = null;
    if (reference) {
      referenceRun = work.resolve("reference");
      int code = child.run(settings.arguments(referenceRun), work.resolve("reference.log"));
      if (code != 0) {
        throw new IOException("the reference run failed (exit " + code + "): see " + work.resolve("reference.log"));
      }
    }
    DiskFullCheck check = new DiskFullCheck(child);
    List<Check> checks = new ArrayList<>(check.run(faults, settings, work, referenceRun));
    checks.add(check.failedStart(new TrainSettings(data, 2, 256, 1, List.of()), work));
    boolean passed = checks.stream().allMatch(Check::passed);
    StringBuilder text = new StringBuilder("disk full / unwritable output: lawn train "
        + String.join(" ", settings.options()) + "\n");
    checks.forEach(c -> text.append(c).append('\n'));
    text.append(passed ? "RESULT: PASS\n" : "RESULT: FAIL\n");
    Files.writeString(work.resolve("disk-full-report.txt"), text);
    return new Result(List.copyOf(checks), text.toString());
  }
}
