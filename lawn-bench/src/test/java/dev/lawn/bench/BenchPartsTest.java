package dev.lawn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.experiments.process.ProcessMemory;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The pieces a bench report is made of: medians, tables, parsed benchmark lines, RSS, ratios. */
class BenchPartsTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(3.0, Median.of(5, 1, 3));
    assertEquals(2.5, Median.of(4, 1, 3, 2));
    assertEquals(7.0, Median.of(List.of(7.0)));
    assertThrows(IllegalArgumentException.class, () -> Median.of(new double[0]));
  }

  @Test
  void markdownTableAlignsAndEscapes() {
    String text = new MarkdownTable("name", "value").row("a|b", "1.5").row("long name", "12,345").render();
    assertEquals("""
        | name      |  value |
        | :-------- | -----: |
        | a\\|b      |    1.5 |
        | long name | 12,345 |
        """, text);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MarkdownTable("a", "b").row("x"));
    assertTrue(e.getMessage().contains("row has 1 cells, the table 2 columns"), e.getMessage());
  }

  @Test
  void pipelineBenchPassesTheImageSizeAndChecksIt() {
    List<String> args = new PipelineBench(null, "none", 1024, "synthetic-folder:320", 256, 3, 0, "224").arguments(
        new java.util.ArrayList<>());
    assertEquals("synthetic-folder:320", args.get(args.indexOf("--image") + 1));
    assertEquals("224", args.get(args.indexOf("--image-size") + 1));
    assertTrue(!new PipelineBench(null, "none", 1024, "synthetic-folder", 256, 3, 0).arguments(
        new java.util.ArrayList<>()).contains("--image-size"), "the data's own size by default");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PipelineBench(null, "none", 1024, "synthetic-folder", 256, 3, 0, "big"));
    assertEquals("--image-size must be H or HxW, got 'big'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new PipelineBench(null, "none", 1024, "synthetic-folder:4", 256, 3, 0, null));
    assertTrue(e.getMessage().startsWith("--image synthetic-folder:SIDE needs a side of 8"), e.getMessage());
  }

  @Test
  void pipelineBenchmarkLinesParse() {
    PipelineLine fed = PipelineLine.parse(
        "rec pipeline, batch 1024: 6,679,475 rows/s fed into a graph; consumer waited 14.6% of the time").orElseThrow();
    assertEquals(new PipelineLine("rec pipeline", 1024, 6_679_475, "rows", "fed into a graph", 0.146), fed);
    PipelineLine produced = PipelineLine.parse(
        "image pipeline (pad-crop, flip, normalize), batch 256: 41,234 images/s produced (consumer does nothing)")
        .orElseThrow();
    assertEquals("image pipeline (pad-crop, flip, normalize)", produced.pipeline());
    assertEquals("produced", produced.mode());
    assertTrue(Double.isNaN(produced.waitFraction()));
    PipelineLine tf = PipelineLine.parse(
        "rec tf.data (no shuffle), batch 1024, 200,000 rows/epoch: 912,000 rows/s fed into the same graph").orElseThrow();
    assertEquals("rec tf.data (no shuffle)", tf.pipeline());
    assertEquals(912_000, tf.perSecond());
    assertTrue(PipelineLine.parse("rec sampling: 495,285 rows/epoch (4 negatives per positive) in 10 ms/epoch").isEmpty());
    assertTrue(PipelineLine.parse("rec data: movielens-100k: 943 users, 1682 items").isEmpty());
  }

  @Test
  void peakRssComesFromVmHwm() {
    assertEquals(OptionalLong.of(123_456L * 1024), ProcessMemory.parse("Name:\tjava\nVmPeak:\t 999 kB\nVmHWM:\t  123456 kB\n", "VmHWM"));
    assertEquals(OptionalLong.empty(), ProcessMemory.parse("Name:\tjava\n", "VmHWM"));
    if (java.nio.file.Files.isReadable(Path.of("/proc/self/status"))) {
      assertTrue(ProcessMemory.peakBytes().orElseThrow() > 1 << 20, "this JVM holds more than a MiB");
    }
  }

  @Test
  void machineReadsTheCpuModel() {
    assertEquals("AMD EPYC 7B13", Machine.cpuModel("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n"));
    assertEquals("unknown", Machine.cpuModel(""));
  }

  @Test
  void jsonFileSitsNextToTheReport() {
    assertEquals(Path.of("out/bench.json"), BenchReport.jsonFileFor(Path.of("out/bench.md")));
    assertEquals(Path.of("bench.json"), BenchReport.jsonFileFor(Path.of("bench")));
    assertEquals(Path.of("bench.raw.json"), BenchReport.jsonFileFor(Path.of("bench.json")));
  }

  @Test
  void ratesSkipTheWarmUpEpochAndSeparatePhases() {
    VariantResult r = new VariantResult("trainer adam-lawn", List.of(
        new EpochTiming(1, "free", 1000, 10, Double.NaN, Double.NaN),
        new EpochTiming(2, "free", 1000, 1, Double.NaN, 2.0),
        new EpochTiming(3, "constrained", 1000, 4, Double.NaN, 5.0),
        new EpochTiming(4, "constrained", 1000, 2, Double.NaN, 3.0)), 0.01, 0.2, 1L << 30);
    assertEquals(1000.0, r.rate("free"), "epoch 1 is warm-up");
    assertEquals(500.0, r.rate("constrained"), "epoch 3, the switch's, is the constrained phase's warm-up");
    VariantResult base = new VariantResult("trainer adam", List.of(
        new EpochTiming(1, "free", 1000, 5, Double.NaN, Double.NaN), new EpochTiming(2, "free", 1000, 1.6, Double.NaN, 1.5)),
        0, 0, 1);
    assertEquals(2 / 1.6, TrainBench.pairedRatio(List.of(base), "free", List.of(r), "constrained"), 1e-12,
        "constrained takes 2 s per 1000 examples, the base 1.6 s");
    assertEquals(2000.0, r.cpuMicrosPerSample("free"), 1e-9);
    assertEquals(3000.0, r.cpuMicrosPerSample("constrained"), 1e-9);
    assertEquals(2.0, TrainBench.pairedCpuRatio(List.of(base), "free", List.of(r), "constrained"), 1e-12);
    assertTrue(Double.isNaN(new VariantResult("x", List.of(new EpochTiming(1, "free", 1, 1, 0, Double.NaN)), 0, 0, 1).rate("free")));
  }

  @Test
  void steadyRatesLeaveEachEpochsFirstStepOut() {
    // Epoch 3 switches to the constrained phase: its first step (100 examples) took 5 of its 6 seconds.
    VariantResult r = new VariantResult("trainer sgd-lawn", List.of(
        new EpochTiming(1, "free", 1000, 10, 1, 10, 100, 9, 9, 0.5),
        new EpochTiming(2, "free", 1000, 1.5, 0.3, 3, 100, 0.6, 1.2, 0.2),
        new EpochTiming(3, "constrained", 1000, 6, 0.15, 7, 100, 5, 5.2, 0.05),
        new EpochTiming(4, "constrained", 1000, 1.2, 0, 2.0, 100, 0.2, 0.2, 0)), 0, 0, 1);
    assertEquals(900 / 0.9, r.rate("free"), 1e-9);
    assertEquals(900 / 1.0, r.rate("constrained"), 1e-9);
    assertEquals(1.8e6 / 900, r.cpuMicrosPerSample("constrained"), 1e-6);
    assertEquals(5.0, r.firstStepSeconds(3));
    assertEquals(0.2 / 2.9, r.steadyInputFraction(), 1e-12, "input time after the first steps, epochs 2 to 4");
    assertEquals(0.45 / 8.7, r.inputFractionAfterWarmUp(), 1e-12, "whole epochs 2 to 4");
    assertTrue(Double.isNaN(r.firstStepSeconds(5)));
    EpochTiming oneStep = new EpochTiming(2, "free", 100, 0.5, Double.NaN, 1, 100, 0.5, 1, 0);
    assertEquals(100, oneStep.steadySamples(), "a one-step epoch keeps its only step");
    assertEquals(0.5, oneStep.steadySeconds());
  }

  @Test
  void variantResultRoundTripsThroughTheResultLine() throws Exception {
    VariantResult r = new VariantResult("bare adam", List.of(new EpochTiming(1, "free", 495_285, 0.5, Double.NaN, Double.NaN)),
        0.08, Double.NaN, 400L << 20);
    String line = TrainVariantMain.RESULT_PREFIX + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r);
    VariantResult back = TrainVariantMain.parse(List.of("some log line", line)).orElseThrow();
    assertEquals(r.variant(), back.variant());
    assertEquals(r.epochs().get(0).samples(), back.epochs().get(0).samples());
    assertTrue(Double.isNaN(back.epochEndSeconds()) && Double.isNaN(back.epochs().get(0).inputSeconds()));
    assertEquals(r.peakRssBytes(), back.peakRssBytes());
    assertTrue(TrainVariantMain.parse(List.of("no result")).isEmpty());
  }

  @Test
  void syntheticRatingsReadBackAsMovieLens1m(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    var written = dev.lawn.bench.pipeline.SyntheticInteractions.generate(50, 80, 2_000, 3);
    MemoryBench.writeMovieLens1m(written, dir);
    var read = dev.lawn.data.rec.RatingsReader.read(dir.resolve("ratings.dat"), dev.lawn.data.rec.RatingsFormat.MOVIELENS_1M);
    assertEquals(written.size(), read.size());
    for (int i : new int[] {0, written.size() / 2, written.size() - 1}) {
      assertEquals(written.user(i), read.user(i));
      assertEquals(written.item(i), read.item(i));
      assertEquals(written.timestamp(i), read.timestamp(i));
    }
  }
}
