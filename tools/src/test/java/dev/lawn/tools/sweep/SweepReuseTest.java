package dev.lawn.tools.sweep;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.experiments.sweep.GridPointResult;
import dev.lawn.experiments.sweep.RunConfigResolver;
import dev.lawn.experiments.sweep.RunOutcome;
import dev.lawn.experiments.sweep.Selection;
import dev.lawn.experiments.sweep.SweepConfig;
import dev.lawn.experiments.sweep.SweepExecution;
import dev.lawn.experiments.sweep.SweepResult;
import dev.lawn.experiments.sweep.SweepSummaryWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.train.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep rerun after its grid grew: runs finished under their old names are renamed and reused,
 * never trained twice; anything that is not certainly the same run is trained. Uses the in-process
 * {@link FakeTrainer}, which writes config.json as lawn train does.
 */
class SweepReuseTest {

  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path temp;

  /** What one invocation returned and printed. */
  record Invocation(SweepResult result, String progress, List<String> launched) {}

  private Path out() {
    return temp.resolve("out");
  }

  private SweepConfig config(Path out, Map<String, Object> base, Map<String, List<Object>> grid) {
    return new SweepConfig(temp.resolve("sweep.yaml"), base, grid, List.of(1L), out, 2,
        Optional.of(new Selection("val_hr@10", true, null)), List.of());
  }

  private Invocation sweep(SweepConfig config, SweepExecutionTest.FakeLauncher launcher) throws Exception {
    StringWriter progress = new StringWriter();
    SweepResult result = new SweepExecution(config, launcher, new PrintWriter(progress), RunConfigResolver.trainOptions()).run();
    SweepSummaryWriter.write(result);
    return new Invocation(result, progress.toString(), launched(launcher));
  }

  private Invocation sweep(SweepConfig config) throws Exception {
    return sweep(config, new SweepExecutionTest.FakeLauncher(o -> false));
  }

  private static List<String> launched(SweepExecutionTest.FakeLauncher launcher) {
    synchronized (launcher.launched) {
      return launcher.launched.stream().sorted().toList();
    }
  }

  /** A grid from alternating keys and value lists ({@code "lr", List.of(0.1, 0.01), ...}). */
  private static Map<String, List<Object>> grid(Object... keyValues) {
    Map<String, List<Object>> grid = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) keyValues[i + 1];
      grid.put((String) keyValues[i], values);
    }
    return grid;
  }

  private static Map<String, Object> base(Object... keyValues) {
    Map<String, Object> base = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      base.put((String) keyValues[i], keyValues[i + 1]);
    }
    return base;
  }

  /** The run directories of a sweep folder, by name. */
  private static List<String> runDirectories(Path out) throws IOException {
    try (Stream<Path> entries = Files.list(out)) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static boolean finished(Path run) {
    return Files.exists(run.resolve("summary.json"));
  }

  @Test
  void widenedGridReusesFinishedRunsUnderTheirNewNames() throws Exception {
    Invocation first = sweep(config(out(), base("model", "ncf-mlp"), grid("lr", List.of(0.001, 0.01), "e_free", List.of(5))));
    assertEquals(List.of("lr-0.001_seed-1", "lr-0.01_seed-1"), first.launched());
    Path old = out().resolve("lr-0.01_seed-1");
    String summary = Files.readString(old.resolve("summary.json"));
    String config = Files.readString(old.resolve("config.json"));

    Invocation widened =
        sweep(config(out(), base("model", "ncf-mlp"), grid("lr", List.of(0.001, 0.01), "e_free", List.of(2, 5))));

    assertEquals(List.of("lr-0.001_efree-2_seed-1", "lr-0.01_efree-2_seed-1"), widened.launched(),
        "only the new e_free value is trained");
    Path renamed = out().resolve("lr-0.01_efree-5_seed-1");
    assertFalse(Files.exists(old), "moved, not copied");
    assertEquals(summary, Files.readString(renamed.resolve("summary.json")), "the finished run, intact");
    assertEquals(config, Files.readString(renamed.resolve("config.json")));
    assertTrue(Files.readString(renamed.resolve("train.log"))
        .contains("renamed from lr-0.01_seed-1 to lr-0.01_efree-5_seed-1"));
    assertTrue(widened.progress().contains("reuse   lr-0.01_efree-5_seed-1 (finished earlier as lr-0.01_seed-1)"),
        widened.progress());
    assertEquals(
        List.of("lr-0.001_efree-2_seed-1", "lr-0.001_efree-5_seed-1", "lr-0.01_efree-2_seed-1", "lr-0.01_efree-5_seed-1"),
        runDirectories(out()), "one folder per configuration: reports count each run once");

    SweepResult result = widened.result();
    assertTrue(result.succeeded());
    assertEquals(2, result.count(RunOutcome.Status.SKIPPED), "reused runs count as finished earlier");
    assertEquals(2, result.count(RunOutcome.Status.FINISHED));
    assertEquals(
        Map.of("lr-0.001_efree-5_seed-1", "lr-0.001_seed-1", "lr-0.01_efree-5_seed-1", "lr-0.01_seed-1"),
        Map.of(result.reused().get(0).run().name(), result.reused().get(0).reusedFrom().orElseThrow(),
            result.reused().get(1).run().name(), result.reused().get(1).reusedFrom().orElseThrow()));
    result.points().forEach(p -> assertEquals(1, p.finished(), p.label()));
    GridPointResult reusedPoint = result.points().stream()
        .filter(p -> p.label().equals("lr=0.01, e_free=5")).findFirst().orElseThrow();
    assertEquals(0.701, reusedPoint.stat("val_hr@10").orElseThrow().mean(), 1e-9, "read from the reused summary");

    String md = Files.readString(out().resolve(SweepSummaryWriter.MARKDOWN_FILE));
    assertTrue(md.contains("## Reused runs") && md.contains("- `lr-0.01_seed-1` -> `lr-0.01_efree-5_seed-1`"), md);
    JsonNode json = JSON.readTree(out().resolve(SweepSummaryWriter.JSON_FILE).toFile());
    assertEquals(2, json.get("reused").size());
    assertEquals(2, json.get("skipped").asInt());

    Invocation again =
        sweep(config(out(), base("model", "ncf-mlp"), grid("lr", List.of(0.001, 0.01), "e_free", List.of(2, 5))));
    assertEquals(List.of(), again.launched());
    assertEquals(4, again.result().count(RunOutcome.Status.SKIPPED));
    assertEquals(List.of(), again.result().reused(), "now under their planned names: plain skips");
  }

  @Test
  void finishedRunWithAnotherLearningRateIsNotReused() throws Exception {
    sweep(config(out(), base("model", "ncf-mlp", "lr", 0.001), grid("e_free", List.of(5))));
    Path old = out().resolve("run_seed-1");
    assertTrue(finished(old));

    Invocation widened = sweep(config(out(), base("model", "ncf-mlp", "lr", 0.002), grid("e_free", List.of(2, 5))));

    assertEquals(List.of("efree-2_seed-1", "efree-5_seed-1"), widened.launched());
    assertTrue(finished(old), "left where it was");
    assertEquals(List.of(), widened.result().reused());
    assertFalse(widened.progress().contains("reuse"), widened.progress());
  }

  @Test
  void unfinishedRunWithTheSameConfigurationIsNotReused() throws Exception {
    Invocation interrupted =
        sweep(config(out(), base("model", "ncf-mlp"), grid("e_free", List.of(5))), new SweepExecutionTest.FakeLauncher(o -> true));
    Path old = out().resolve("run_seed-1");
    assertFalse(interrupted.result().succeeded());
    assertTrue(Files.exists(old.resolve("config.json")) && !finished(old));

    Invocation widened = sweep(config(out(), base("model", "ncf-mlp"), grid("e_free", List.of(2, 5))));

    assertEquals(List.of("efree-2_seed-1", "efree-5_seed-1"), widened.launched());
    JsonNode summary = JSON.readTree(out().resolve("efree-5_seed-1/summary.json").toFile());
    assertFalse(summary.get("resumed").asBoolean(), "trained in its own folder, not from the old checkpoint");
    assertTrue(Files.exists(old.resolve("checkpoint")) && !finished(old), "the unfinished run is left alone");
    assertEquals(List.of(), widened.result().reused());
  }

  @Test
  void twoMatchingFinishedRunsAreBothLeftAndTheRunIsTrained() throws Exception {
    sweep(config(out(), base("model", "ncf-mlp"), grid()));
    Path original = out().resolve("run_seed-1");
    Path copy = Files.createDirectory(out().resolve("run_seed-1-copy"));
    try (Stream<Path> files = Files.list(original)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }

    Invocation widened = sweep(config(out(), base("model", "ncf-mlp"), grid("e_free", List.of(2, 5))));

    assertEquals(List.of("efree-2_seed-1", "efree-5_seed-1"), widened.launched(), "no guess between the two");
    assertTrue(widened.progress().contains(
        "warning efree-5_seed-1: finished runs run_seed-1, run_seed-1-copy all have its configuration"),
        widened.progress());
    assertTrue(finished(original) && finished(copy), "both left where they were");
    assertEquals(List.of(), widened.result().reused());
  }

  @Test
  void runsDifferingOnlyInHowTheyRanAreReused() throws Exception {
    sweep(config(out(), base("model", "ncf-mlp", "threads", 4), grid()));
    Path old = out().resolve("run_seed-1");
    // As written before --augmentation existed: the key is absent, which means crop-flip.
    ObjectNode config = (ObjectNode) JSON.readTree(old.resolve("config.json").toFile());
    config.remove("augmentation");
    Files.writeString(old.resolve("config.json"), JSON.writeValueAsString(config));

    Invocation widened = sweep(config(out(), base("model", "ncf-mlp", "threads", 1), grid("e_free", List.of(2, 5))));

    assertEquals(List.of("efree-2_seed-1"), widened.launched());
    assertTrue(finished(out().resolve("efree-5_seed-1")));
    assertFalse(Files.exists(old));
  }

  @Test
  void foldersOfThisSweepAreNeverTakenByAnotherOfItsRuns() throws Exception {
    // threads does not change what is computed, so both runs have the same configuration.
    sweep(config(out(), base("model", "ncf-mlp"), grid("threads", List.of(1, 2))));
    Path kept = out().resolve("threads-1_seed-1");
    FileTrees.deleteTree(out().resolve("threads-2_seed-1"));

    Invocation again = sweep(config(out(), base("model", "ncf-mlp"), grid("threads", List.of(1, 2))));

    assertEquals(List.of("threads-2_seed-1"), again.launched());
    assertTrue(finished(kept), "a planned run's folder stays its own");
    assertEquals(List.of(), again.result().reused());
  }

  @Test
  void runsOfAnotherOutputFolderAreNotReused() throws Exception {
    Path elsewhere = temp.resolve("other-out");
    sweep(config(elsewhere, base("model", "ncf-mlp"), grid("e_free", List.of(5))));

    Invocation widened = sweep(config(out(), base("model", "ncf-mlp"), grid("e_free", List.of(2, 5))));

    assertEquals(List.of("efree-2_seed-1", "efree-5_seed-1"), widened.launched());
    assertTrue(finished(elsewhere.resolve("run_seed-1")));
  }

  @Test
  void dryRunSaysWhichRunsWouldBeReusedAndMovesNothing() throws Exception {
    sweep(config(out(), base("model", "ncf-mlp"), grid("lr", List.of(0.001, 0.01), "e_free", List.of(5))));
    Path file = temp.resolve("widened.yaml");
    Files.writeString(file, "base: {model: ncf-mlp}\ngrid: {lr: [0.001, 0.01], e_free: [2, 5]}\nseeds: [1]\nout: " + out() + "\n");
    String plan = lawn("sweep", file.toString(), "--dry-run").ok().out();
    assertTrue(plan.contains("lr-0.01_efree-5_seed-1 (finished as lr-0.01_seed-1: reused): lawn train"), plan);
    assertTrue(plan.contains("lr-0.001_efree-5_seed-1 (finished as lr-0.001_seed-1: reused): lawn train"), plan);
    assertTrue(plan.contains("lr-0.01_efree-2_seed-1: lawn train"), "a new configuration is trained: " + plan);
    assertEquals(List.of("lr-0.001_seed-1", "lr-0.01_seed-1"), runDirectories(out()), "a dry run moves nothing");
  }
}
