package dev.lawn.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.RunLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Sweep} from a Java program, without the command line: a sweep file, a launcher that
 * writes each run's summary.json (val_hr@10 = 0.5 + lr + seed / 1000, hr@10 = val_hr@10 - 0.1),
 * no config resolution.
 */
class SweepTest {

  @TempDir Path temp;

  private final List<String> launched = Collections.synchronizedList(new ArrayList<>());

  /** A trainer that "trains" instantly: reads --lr, --seed and --out, writes summary.json. */
  private int fakeTrain(List<String> args, Path log) throws java.io.IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      options.put(args.get(i).substring(2), args.get(i + 1));
    }
    Path out = Path.of(options.get("out"));
    launched.add(out.getFileName().toString());
    double val = 0.5 + Double.parseDouble(options.get("lr")) + Long.parseLong(options.get("seed")) / 1000.0;
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("val_hr@10", val);
    summary.put("hr@10", val - 0.1);
    summary.put("config", Map.of("lr", options.get("lr"), "seed", options.get("seed")));
    Files.writeString(out.resolve(RunDirectory.SUMMARY), new JsonMapper().writeValueAsString(summary));
    return 0;
  }

  private Path sweepFile() throws java.io.IOException {
    Path file = temp.resolve("sweep.yaml");
    Files.writeString(file, "base: {model: ncf-mlp}\ngrid: {lr: [0.01, 0.02]}\nseeds: [1, 2]\nout: "
        + temp.resolve("out") + "\nparallel: 2\nselect: {metric: val_hr@10, mode: max}\n");
    return file;
  }

  @Test
  void loadsRunsSelectsAndWritesItsSummary() throws Exception {
    Sweep sweep = Sweep.load(sweepFile());
    assertEquals(List.of("lr-0.01_seed-1", "lr-0.01_seed-2", "lr-0.02_seed-1", "lr-0.02_seed-2"),
        sweep.plan().stream().map(PlannedRun::name).toList());
    StringWriter progress = new StringWriter();
    SweepResult result = sweep.run(this::fakeTrain, RunConfigResolver.none(), new PrintWriter(progress));

    assertTrue(result.succeeded(), progress.toString());
    assertEquals(4, launched.size());
    GridPointResult best = result.best().orElseThrow();
    assertEquals("lr=0.02", best.label());
    assertEquals(0.5215, best.stat("val_hr@10").orElseThrow().mean(), 1e-9, "0.5 + 0.02 + (1 + 2) / 2000");
    assertEquals(0.4215, result.finalReport().orElseThrow().mean(), 1e-9, "its hr@10 over the same seeds");
    String markdown = Files.readString(temp.resolve("out").resolve(SweepSummaryWriter.MARKDOWN_FILE));
    assertTrue(markdown.contains("**lr=0.02**"), markdown);
    assertTrue(Files.isRegularFile(temp.resolve("out").resolve(SweepSummaryWriter.JSON_FILE)));

    launched.clear();
    SweepResult again = sweep.run(this::fakeTrain, RunConfigResolver.none(), new PrintWriter(new StringWriter()));
    assertEquals(List.of(), launched, "finished runs are skipped");
    assertEquals(4, again.count(RunOutcome.Status.SKIPPED));
  }

  @Test
  void aSecondSweepOnTheSameFolderIsRefused() throws Exception {
    Sweep sweep = Sweep.load(sweepFile());
    Files.createDirectories(temp.resolve("out"));
    try (RunLock held = RunLock.acquire(temp.resolve("out"))) {
      assertThrows(RunLock.InUseException.class,
          () -> sweep.run(this::fakeTrain, RunConfigResolver.none(), new PrintWriter(new StringWriter())));
    }
    assertFalse(Files.exists(temp.resolve("out").resolve("lr-0.01_seed-1")), "nothing launched");
  }

  @Test
  void withOutAndWithParallelOverrideTheFile() throws Exception {
    Sweep sweep = Sweep.load(sweepFile()).withOut(temp.resolve("elsewhere")).withParallel(1);
    assertEquals(temp.resolve("elsewhere"), sweep.config().out());
    assertEquals(1, sweep.config().parallel());
    assertEquals(temp.resolve("elsewhere").resolve("lr-0.01_seed-1"), sweep.plan().get(0).directory());
  }
}
