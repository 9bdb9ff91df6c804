package dev.lawn.tools.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.experiments.report.MeanWithError;
import dev.lawn.experiments.sweep.GridPointResult;
import dev.lawn.experiments.sweep.RunConfigResolver;
import dev.lawn.experiments.sweep.RunLauncher;
import dev.lawn.experiments.sweep.RunOutcome;
import dev.lawn.experiments.sweep.Selection;
import dev.lawn.experiments.sweep.SweepConfig;
import dev.lawn.experiments.sweep.SweepExecution;
import dev.lawn.experiments.sweep.SweepResult;
import dev.lawn.experiments.sweep.SweepSummaryWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A sweep end to end with an in-process fake trainer ({@link FakeTrainer}): val_hr@10 = 0.6 + 10 lr
 * + 0.05 [lamb] + 0.001 seed, hr@10 = val_hr@10 - 0.02.
 */
class SweepExecutionTest {

  @TempDir Path temp;

  /** Runs {@link FakeTrainer} in-process; records launches and the peak concurrency. */
  static final class FakeLauncher implements RunLauncher {
    final List<String> launched = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    private final Predicate<Map<String, String>> interrupted;

    FakeLauncher(Predicate<Map<String, String>> interrupted) {
      this.interrupted = interrupted;
    }

    @Override
    public int run(List<String> args, Path log) throws IOException, InterruptedException {
      Map<String, String> options = FakeTrainer.options(args);
      launched.add(Path.of(options.get("out")).getFileName().toString());
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true)) {
        Thread.sleep(30); // long enough for parallel runs to overlap
        List<String> trainArgs = new ArrayList<>(args);
        if (interrupted.test(options)) {
          trainArgs.addAll(List.of("--fail-code", "137"));
        }
        return FakeTrainer.run(trainArgs, out, out);
      } finally {
        running.decrementAndGet();
      }
    }
  }

  private SweepConfig config(Optional<Selection> selection, List<Long> finalSeeds) {
    Map<String, List<Object>> grid = new LinkedHashMap<>();
    grid.put("lr", List.of(0.001, 0.01));
    grid.put("optimizer", List.of("adam", "lamb"));
    return new SweepConfig(temp.resolve("sweep.yaml"), Map.of("model", "ncf-mlp"), grid, List.of(1L, 2L),
        temp.resolve("out"), 2, selection, finalSeeds);
  }

  private static Optional<Selection> select(boolean maximize) {
    return Optional.of(new Selection("val_hr@10", maximize, null));
  }

  private static SweepResult sweep(SweepConfig config, RunLauncher launcher) throws Exception {
    SweepResult result = new SweepExecution(config, launcher, new PrintWriter(new StringWriter()), RunConfigResolver.trainOptions()).run();
    SweepSummaryWriter.write(result);
    return result;
  }

  @Test
  void runsGridSelectsOnValidationAndReportsTestOverFinalSeeds() throws Exception {
    FakeLauncher launcher = new FakeLauncher(o -> false);
    SweepResult result = sweep(config(select(true), List.of(1L, 2L, 3L)), launcher);

    assertTrue(result.succeeded());
    assertEquals(9, launcher.launched.size(), "8 grid runs + final seed 3 (seeds 1, 2 reused)");
    assertEquals(2, launcher.peak.get(), "parallel: 2");
    assertTrue(launcher.launched.contains("lr-0.01_opt-lamb_seed-3"));
    GridPointResult best = result.best().orElseThrow();
    assertEquals("lr=0.01, optimizer=lamb", best.label());
    MeanWithError val = best.stat("val_hr@10").orElseThrow();
    assertEquals(0.7515, val.mean(), 1e-9, "(0.751 + 0.752) / 2");
    assertEquals(0.0005, val.standardError(), 1e-9, "s = 0.000707, / sqrt 2");
    MeanWithError test = result.finalReport().orElseThrow();
    assertEquals(3, test.n());
    assertEquals(0.732, test.mean(), 1e-9, "hr@10 over seeds 1..3: 0.731, 0.732, 0.733");
    assertEquals(0.001 / Math.sqrt(3), test.standardError(), 1e-9);

    Path out = temp.resolve("out");
    String md = Files.readString(out.resolve(SweepSummaryWriter.MARKDOWN_FILE));
    assertTrue(md.contains("| lr | optimizer | runs | val_hr@10 | hr@10 |"), md);
    assertTrue(md.contains("| 0.01 | lamb | 2/2 | 0.7515 ± 0.0005 (n=2) | 0.7315 ± 0.0005 (n=2) |"), md);
    assertTrue(md.contains("**lr=0.01, optimizer=lamb**"), md);
    assertTrue(md.contains("Test `hr@10` over final seeds [1, 2, 3]: 0.7320 ± 0.0006 (n=3)."), md);
    JsonNode json = new JsonMapper().readTree(out.resolve(SweepSummaryWriter.JSON_FILE).toFile());
    assertEquals("lr=0.01, optimizer=lamb", json.at("/selection/best_label").asText());
    assertEquals(0.732, json.at("/selection/report/mean").asDouble(), 1e-9);
    assertEquals(3, json.at("/selection/report/n").asInt());
    assertEquals(4, json.get("grid_points").size());
    assertEquals(0, json.get("failed").asInt());
  }

  @Test
  void finishedRunsAreSkippedOnTheNextInvocation() throws Exception {
    sweep(config(select(true), List.of()), new FakeLauncher(o -> false));
    FakeLauncher second = new FakeLauncher(o -> false);
    SweepResult again = sweep(config(select(true), List.of()), second);
    assertEquals(List.of(), second.launched);
    assertEquals(8, again.count(RunOutcome.Status.SKIPPED));
    assertEquals("lr=0.01, optimizer=lamb", again.best().orElseThrow().label());
    assertEquals(0.7315, again.finalReport().orElseThrow().mean(), 1e-9, "test metric of the selection seeds");
  }

  @Test
  void interruptedRunIsReportedThenResumed() throws Exception {
    Predicate<Map<String, String>> lambSeed2 =
        o -> o.get("optimizer").equals("lamb") && o.get("lr").equals("0.01") && o.get("seed").equals("2");
    SweepResult first = sweep(config(select(true), List.of()), new FakeLauncher(lambSeed2));

    assertFalse(first.succeeded());
    assertEquals(1, first.failures().size());
    RunOutcome failure = first.failures().get(0);
    assertEquals("lr-0.01_opt-lamb_seed-2", failure.run().name());
    assertEquals(137, failure.exitCode());
    assertTrue(failure.logTail().contains("fake trainer killed at epoch 1"), failure.logTail().toString());
    assertEquals("lr=0.01, optimizer=adam", first.best().orElseThrow().label(),
        "the incomplete point is not compared over fewer seeds");
    String md = Files.readString(temp.resolve("out").resolve(SweepSummaryWriter.MARKDOWN_FILE));
    assertTrue(md.contains("| 0.01 | lamb | 1/2 |"), md);
    assertTrue(md.contains("## Failed runs") && md.contains("exit code 137"), md);

    FakeLauncher second = new FakeLauncher(o -> false);
    SweepResult resumed = sweep(config(select(true), List.of()), second);
    assertEquals(List.of("lr-0.01_opt-lamb_seed-2"), second.launched, "only the unfinished run");
    assertTrue(resumed.succeeded());
    assertEquals("lr=0.01, optimizer=lamb", resumed.best().orElseThrow().label());
    JsonNode summary = new JsonMapper().readTree(
        temp.resolve("out/lr-0.01_opt-lamb_seed-2/summary.json").toFile());
    assertTrue(summary.get("resumed").asBoolean(), "relaunched in the same directory, checkpoint present");
    String log = Files.readString(temp.resolve("out/lr-0.01_opt-lamb_seed-2/train.log"));
    assertTrue(log.contains("killed") && log.indexOf("killed") < log.lastIndexOf("fake training"),
        "the log keeps the first attempt: " + log);
  }

  @Test
  void exitZeroWithoutSummaryAndLaunchErrorsAreFailures() throws Exception {
    SweepResult silent = sweep(config(Optional.empty(), List.of()), (args, log) -> 0);
    assertEquals(8, silent.failures().size());
    assertTrue(silent.failures().get(0).logTail().contains("trainer exited 0 but wrote no summary.json"));
    assertFalse(silent.succeeded());

    SweepResult broken = sweep(config(Optional.empty(), List.of()), (args, log) -> {
      throw new IOException("java: not found");
    });
    assertEquals(-1, broken.failures().get(0).exitCode());
    assertTrue(broken.failures().get(0).logTail().get(0).contains("could not run the trainer"),
        broken.failures().get(0).logTail().toString());
  }

  @Test
  void minimizingSelectionPicksTheLowestMean() throws Exception {
    SweepResult result = sweep(config(select(false), List.of()), new FakeLauncher(o -> false));
    assertEquals("lr=0.001, optimizer=adam", result.best().orElseThrow().label());
  }

  @Test
  void withoutSelectionEveryMetricIsSummarized() throws Exception {
    SweepResult result = sweep(config(Optional.empty(), List.of()), new FakeLauncher(o -> false));
    assertTrue(result.succeeded());
    assertEquals(List.of("hr@10", "val_hr@10"), result.metrics());
    assertTrue(result.best().isEmpty());
  }

  @Test
  void commandExitsNonZeroWhenARunFailsAndZeroOnceResumed() throws Exception {
    Path file = temp.resolve("sweep.yaml");
    Files.writeString(file, """
        base: {model: ncf-mlp}
        grid: {lr: [0.001, 0.01]}
        seeds: [1]
        out: %s
        select: {metric: val_hr@10}
        """.formatted(temp.resolve("cli-out")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int failed = new CommandLine(new SweepCommand().withLauncher(new FakeLauncher(o -> o.get("lr").equals("0.01"))))
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(file.toString());
    assertEquals(1, failed);
    assertTrue(out.toString().contains("FAILED  lr-0.01_seed-1 (exit code 137)"), out.toString());
    assertTrue(out.toString().contains("    | fake trainer killed at epoch 1"), out.toString());
    assertTrue(err.toString().contains("1 failed run(s)"), err.toString());

    int resumed = new CommandLine(new SweepCommand().withLauncher(new FakeLauncher(o -> false)))
        .setOut(new PrintWriter(new StringWriter())).execute(file.toString(), "--parallel", "2");
    assertEquals(0, resumed);
  }
}
