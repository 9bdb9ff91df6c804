package dev.lawn.tools.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.bench.reliability.Check;
import dev.lawn.bench.reliability.DiskFullCheck;
import dev.lawn.bench.reliability.OutputFault;
import dev.lawn.bench.reliability.TinyRatings;
import dev.lawn.bench.reliability.TortureReport;
import dev.lawn.bench.reliability.TortureSession;
import dev.lawn.bench.reliability.TrainChild;
import dev.lawn.bench.reliability.TrainSettings;
import dev.lawn.tools.LawnProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast variants of the harnesses, on real child JVMs running {@code lawn train} on a tiny data
 * set: a torture with a few SIGKILLs, then failing checkpoint writes resumed from the first
 * checkpoint, both compared with the torture's uninterrupted reference run, and a run whose very
 * first write failed. About a minute on an
 * idle 2-core machine. The long runs are documented in docs/RELIABILITY.md.
 */
class ReliabilityHarnessTest {

  static final int KILLS = 4;

  @TempDir static Path work;
  static TrainSettings settings;
  static TrainChild child;
  static TortureReport torture;

  @BeforeAll
  static void torture() throws Exception {
    Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    settings = new TrainSettings(data, 8, 256, 1, List.of()); // enough epochs that 4 kills land before the end
    child = TrainChild.forCurrentJvm(List.of("-Xshare:auto"), LawnProgram.MAIN_CLASS, "train");
    torture = new TortureSession(child, line -> { }).run(settings, work.resolve("torture"), KILLS, 11, false);
  }

  @Test
  void trainingSurvivesKillsAndEqualsTheUninterruptedRun() {
    assertEquals(KILLS, torture.outcome().kills().size(), torture.text());
    assertEquals(KILLS + 1, torture.outcome().lives(), torture.text());
    List<String> names = torture.checks().stream().map(Check::name).toList();
    assertTrue(names.containsAll(List.of("finished", "published checkpoints sound after every kill", "checkpoints complete", "no staging leftovers",
        "checkpoint variables equal the reference's", "per-epoch metrics equal the reference's",
        "summary's best/switch equal the reference's")), names.toString());
    assertTrue(torture.passed(), torture.text());
  }

  @Test
  void failingCheckpointWritesStopCleanlyAndResume() throws Exception {
    List<OutputFault> faults = new ArrayList<>(List.of(OutputFault.FILE_SIZE_LIMIT));
    if (OutputFault.unwritableAvailable(work)) {
      faults.add(OutputFault.UNWRITABLE_CHECKPOINTS);
    }
    List<Check> checks = new DiskFullCheck(child).run(faults, settings, work.resolve("disk"),
        work.resolve("torture/reference"));
    String text = checks.stream().map(Check::toString).reduce("", (a, b) -> a + b + "\n");
    assertEquals(2 * faults.size() + 2, checks.size(), text);
    for (Check c : checks) {
      assertTrue(c.passed(), text);
    }
    assertTrue(checks.get(0).detail().contains("File too large"), text);
  }

  @Test
  void aRunWhoseFirstWriteFailedStartsAgain() throws Exception {
    Check check = new DiskFullCheck(child).failedStart(new TrainSettings(settings.dataDir(), 2, 256, 1, List.of()),
        work.resolve("start"));
    assertTrue(check.passed(), check.toString());
  }
}
