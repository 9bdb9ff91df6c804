package dev.lawn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lawn.data.SharedData;
import dev.lawn.ops.kernels.KernelChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small real runs on MovieLens-100k (skipped where it is absent): the trainer and the bare reference
 * see the same examples per epoch, and a child JVM's result comes back to the parent.
 */
class TrainVariantTest {

  /** The shared data folder holding MovieLens-100k ({@link SharedData}), or null. */
  static Path dataDir() {
    return SharedData.dataSet("ml-100k", "u.data").map(Path::getParent).orElse(null);
  }

  private static VariantResult variant(String kind, String optimizer, Path data) throws Exception {
    Map<String, String> options = TrainVariantMain.options(List.of("--kind", kind, "--optimizer", optimizer,
        "--model", "ncf-mlp", "--data", "movielens-100k", "--data-dir", data.toString(), "--batch-size", "8192",
        "--epochs", "3", "--e-free", "1"));
    TrainVariant v = new TrainVariant(options.get("--kind"), options.get("--optimizer"), options.get("--model"),
        options.get("--data"), options.get("--data-dir"), 8192, 3, 1, 0, 1);
    return TrainVariantMain.run(v, KernelChoice.AUTO);
  }

  /** The lines of the Markdown table whose header starts with {@code | firstHeader}. */
  static List<String> table(String markdown, String firstHeader) {
    List<String> lines = markdown.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\| " + firstHeader + " +\\|.*")) {
        start = i;
        break;
      }
    }
    assertTrue(start >= 0, "no table headed '" + firstHeader + "' in:\n" + markdown);
    int end = start;
    while (end < lines.size() && lines.get(end).startsWith("|")) {
      end++;
    }
    return lines.subList(start, end);
  }

  @Test
  void theChildMainRejectsBadArgumentsNamingTheOption() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> TrainVariantMain.options(List.of("--kind", "bare")));
    assertTrue(missing.getMessage().contains("missing required option --"), missing.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> TrainVariantMain.options(List.of("--colour", "red")));
    assertEquals("unknown option '--colour'", unknown.getMessage());
  }

  @Test
  void trainerAndReferencesSeeTheSameExamplesPerEpoch() throws Exception {
    Path data = dataDir();
    assumeTrue(data != null, "MovieLens-100k not found");
    VariantResult trainer = variant("trainer", "adam-lawn", data);
    VariantResult bare = variant("bare", "adam-lawn", data);
    VariantResult fed = variant("zoo-pipeline", "adam-lawn", data);
    for (VariantResult r : List.of(trainer, bare, fed)) {
      assertEquals(3, r.epochs().size(), r.toString());
      assertEquals(List.of("free", "constrained", "constrained"), r.epochs().stream().map(EpochTiming::phase).toList());
      assertTrue(r.rate("constrained") > 0 && Double.isNaN(r.rate("free")),
          "epoch 1 and the switch's epoch 2 are warm-up: " + r);
      assertTrue(r.peakRssBytes() > 0 && r.inputWaitFraction() >= 0 && r.inputWaitFraction() < 1, r.toString());
      EpochTiming second = r.epochs().get(1);
      assertEquals(8192, second.firstStepSamples(), "the first step is timed apart: " + r);
      assertTrue(second.firstStepSeconds() > 0 && second.firstStepSeconds() < second.seconds(), r.toString());
    }
    // ML-100k: 99,057 training positives x (1 + 4 negatives).
    assertEquals(495_285, trainer.epochs().get(1).samples());
    assertEquals(trainer.epochs().get(1).samples(), bare.epochs().get(1).samples());
    assertEquals(trainer.epochs().get(1).samples(), fed.epochs().get(1).samples(), "the trainer's pipeline, all rows");
    assertTrue(trainer.epochEndSeconds() > 0, "the trainer's epoch end was timed");
    assertTrue(Double.isNaN(bare.epochEndSeconds()));
  }

  @Test
  void trainBenchRunsVariantsInChildJvms(@TempDir Path dir) throws Exception {
    Path data = dataDir();
    assumeTrue(data != null, "MovieLens-100k not found");
    TrainBench bench = new TrainBench("ncf-mlp", "movielens-100k", data.toString(), 8192, 2, 1, List.of(),
        List.of("adam"), false, 1, 0, 1, KernelChoice.AUTO);
    BenchReport report = new BenchReport("test");
    Map<String, List<VariantResult>> results = bench.run(report, new BenchChild(dir, 600), Progress.silent());
    assertEquals(List.of("bare adam"), List.copyOf(results.keySet()));
    assertTrue(results.get("bare adam").get(0).peakRssBytes() > 0);
    List<String> table = table(report.markdown(), "variant");
    assertEquals(3, table.size(), String.join("\n", table));
    assertTrue(table.get(2).startsWith("| bare adam "), table.get(2));
    assertTrue(Files.exists(dir.resolve("train-ncf-mlp-8192-bare-adam-r1.err")), "the child's stderr is kept");
  }
}
