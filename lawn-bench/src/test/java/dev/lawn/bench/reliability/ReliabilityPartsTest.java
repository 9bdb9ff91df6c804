package dev.lawn.bench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.experiments.process.ProcessMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harnesses' pure parts: planning, classification, comparison, fitting, parsing. */
class ReliabilityPartsTest {

  @TempDir Path temp;

  @Test
  void killPlansAreSeededAndCoverEveryMoment() {
    List<KillPlan> a = new ArrayList<>();
    List<KillPlan> b = new ArrayList<>();
    KillPlanner pa = new KillPlanner(3, 4000, 500);
    KillPlanner pb = new KillPlanner(3, 4000, 500);
    Map<KillPlan.Moment, Integer> counts = new EnumMap<>(KillPlan.Moment.class);
    for (int i = 0; i < 1000; i++) {
      a.add(pa.next());
      b.add(pb.next());
      counts.merge(a.get(i).moment(), 1, Integer::sum);
    }
    assertEquals(a, b, "same seed, same plans");
    assertTrue(counts.get(KillPlan.Moment.STARTUP) > 150 && counts.get(KillPlan.Moment.STARTUP) < 250, counts.toString());
    assertTrue(counts.get(KillPlan.Moment.CHECKPOINT_WRITE) > 350, counts.toString());
    for (KillPlan p : a) {
      switch (p.moment()) {
        case STARTUP -> assertTrue(p.delayMillis() < 4000);
        case TRAINING -> assertTrue(p.delayMillis() < KillPlanner.TRAINING_EPOCHS_WINDOW * 500);
        case CHECKPOINT_WRITE -> assertTrue(p.checkpointWritesToSkip() <= KillPlanner.MAX_WRITES_SKIPPED
            && p.settleMicros() <= KillPlanner.MAX_SETTLE_MICROS);
        default -> throw new AssertionError(p);
      }
    }
    assertTrue(a.stream().anyMatch(p -> p.moment() == KillPlan.Moment.CHECKPOINT_WRITE && p.settleMicros() == 0));
    assertTrue(a.stream().anyMatch(p -> p.settleMicros() > 10_000));
    assertThrows(IllegalArgumentException.class, () -> new KillPlanner(1, 0, 500));
    KillPlanner adapting = new KillPlanner(1, 4000, 800);
    adapting.observeEpochMillis(200);
    assertEquals(500, adapting.epochMillis(), "halfway to the observed epoch time");
    adapting.observeEpochMillis(0);
    assertEquals(500, adapting.epochMillis(), "no observation");
    assertThrows(IllegalArgumentException.class, () -> new KillPlan(KillPlan.Moment.STARTUP, -1, 0, 0));
  }

  @Test
  void stagingStagesFollowTheFilesOfAWrite() {
    assertNull(StagingSnapshot.stage(List.of()));
    assertEquals(StagingSnapshot.STAGE_EMPTY, StagingSnapshot.stage(List.of(".tmp-1/")));
    assertEquals(StagingSnapshot.STAGE_VARIABLES, StagingSnapshot.stage(
        List.of(".tmp-1/variables.data-00000-of-00001.tempstate123(0)", ".tmp-1/")));
    assertEquals(StagingSnapshot.STAGE_BEFORE_META, StagingSnapshot.stage(
        List.of(".tmp-1/variables.data-00000-of-00001(148304)", ".tmp-1/variables.index(1672)", ".tmp-1/")));
    assertEquals(StagingSnapshot.STAGE_BEFORE_RENAME, StagingSnapshot.stage(
        List.of(".tmp-1/meta.json(1100)", ".tmp-1/variables.data-00000-of-00001(148304)", ".tmp-1/variables.index(1672)")));
  }

  @Test
  void stagingNamesListOnlyTempDirectories() throws Exception {
    Path run = temp.resolve("run");
    assertTrue(StagingSnapshot.names(run).isEmpty(), "no checkpoints folder yet");
    Files.createDirectories(run.resolve("checkpoints/.tmp-42"));
    Files.createDirectories(run.resolve("checkpoints/ckpt-000001"));
    Files.writeString(run.resolve("checkpoints/.tmp-42/meta.json"), "{}");
    assertEquals(java.util.Set.of(".tmp-42"), StagingSnapshot.names(run));
    assertEquals(List.of(".tmp-42/meta.json(2)", ".tmp-42/"), StagingSnapshot.files(run, java.util.Set.of()));
    assertEquals(List.of(), StagingSnapshot.files(run, java.util.Set.of(".tmp-42")));
  }

  @Test
  void trainerLogStartLineIsNotAnErrorLine() throws Exception {
    Path log = temp.resolve("life.log");
    assertFalse(TrainerLog.started(log), "missing log");
    Files.writeString(log, "lawn train: cannot write a checkpoint into /x: denied\n");
    assertFalse(TrainerLog.started(log));
    Files.writeString(log, "I0000 tensorflow noise\nlawn train: ncf-mlp on movielens-100k, adam-lawn lr 0.001, batch 256, "
        + "6 epochs (38 steps each)\n");
    assertTrue(TrainerLog.started(log));
  }

  private static List<JsonNode> rows(String... lines) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines) {
      out.add(MetricsRows.JSON.readTree(l));
    }
    return out;
  }

  @Test
  void metricsComparisonIgnoresTimingsAndFindsEveryOtherDifference() throws Exception {
    List<JsonNode> ref = rows("{\"epoch\":1,\"loss\":0.5,\"hr@10\":0.2,\"phase\":\"free\",\"train_seconds\":1.0}",
        "{\"epoch\":2,\"loss\":0.4,\"hr@10\":0.3,\"phase\":\"constrained\",\"train_seconds\":2.0}");
    var same = MetricsRows.compare(ref, rows("{\"epoch\":1,\"loss\":0.5,\"hr@10\":0.2,\"phase\":\"free\",\"train_seconds\":9}",
        "{\"epoch\":2,\"loss\":0.4,\"hr@10\":0.3,\"phase\":\"constrained\",\"train_seconds\":7}"), 1);
    assertTrue(same.within(0), same.describe());
    assertTrue(same.describe().contains("bit-exact"), same.describe());

    var lossOff = MetricsRows.compare(ref, rows("{\"epoch\":1,\"loss\":0.5000001,\"hr@10\":0.2,\"phase\":\"free\"}",
        "{\"epoch\":2,\"loss\":0.4,\"hr@10\":0.3,\"phase\":\"constrained\"}"), 1);
    assertFalse(lossOff.within(0));
    assertTrue(lossOff.within(1e-6), lossOff.describe());
    assertEquals(2e-7, lossOff.lossMaxRelative(), 1e-9);

    var missing = MetricsRows.compare(ref, rows("{\"epoch\":1,\"loss\":0.5,\"hr@10\":0.2,\"phase\":\"free\"}"), 1);
    assertFalse(missing.within(1));
    assertTrue(missing.describe().contains("epochs [1] instead of [1, 2]"), missing.describe());

    var phase = MetricsRows.compare(ref, rows("{\"epoch\":2,\"loss\":0.4,\"hr@10\":0.3,\"phase\":\"free\"}"), 2);
    assertFalse(phase.within(1));
    assertTrue(phase.describe().contains("phase"), phase.describe());

    var metric = MetricsRows.compare(ref, rows("{\"epoch\":2,\"loss\":0.4,\"hr@10\":0.31,\"phase\":\"constrained\"}"), 2);
    assertFalse(metric.within(1e-6));
    assertTrue(metric.describe().contains("hr@10"), metric.describe());
  }

  @Test
  void summaryCheckComparesSelectionAndSwitch() throws Exception {
    JsonNode ref = MetricsRows.JSON.readTree("{\"best_epoch\":1,\"best_hr@10\":0.18,\"switch_epoch\":2,\"wall_seconds\":3}");
    assertTrue(TortureVerifier.summaryCheck(ref,
        MetricsRows.JSON.readTree("{\"best_epoch\":1,\"best_hr@10\":0.18,\"switch_epoch\":2,\"wall_seconds\":9}")).passed());
    Check wrong = TortureVerifier.summaryCheck(ref,
        MetricsRows.JSON.readTree("{\"best_epoch\":3,\"best_hr@10\":0.17,\"switch_epoch\":2}"));
    assertFalse(wrong.passed());
    assertTrue(wrong.detail().contains("best_epoch 1 vs 3"), wrong.detail());
  }

  @Test
  void indexFooterMagicIsRecognised() throws Exception {
    Path good = temp.resolve("good.index");
    Path cut = temp.resolve("cut.index");
    byte[] bytes = new byte[40];
    java.nio.ByteBuffer.wrap(bytes, 32, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(CheckpointAudit.TABLE_MAGIC);
    Files.write(good, bytes);
    Files.write(cut, java.util.Arrays.copyOf(bytes, 39));
    assertTrue(CheckpointAudit.hasTableMagic(good));
    assertFalse(CheckpointAudit.hasTableMagic(cut));
    Files.write(cut, new byte[3]);
    assertFalse(CheckpointAudit.hasTableMagic(cut));
  }

  @Test
  void publishedCheckpointProblemsAreNamed() throws Exception {
    Path run = temp.resolve("audited");
    Path good = Files.createDirectories(run.resolve("checkpoints/ckpt-000001"));
    Files.writeString(good.resolve("meta.json"), "{\"epoch\":1,\"globalStep\":10,\"phase\":\"free\",\"extra\":{}}");
    byte[] index = new byte[16];
    java.nio.ByteBuffer.wrap(index, 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(CheckpointAudit.TABLE_MAGIC);
    Files.write(good.resolve("variables.index"), index);
    Files.write(good.resolve("variables.data-00000-of-00001"), new byte[] {1});
    assertEquals(List.of(), CheckpointAudit.publishedProblems(run));

    Path cut = Files.createDirectories(run.resolve("checkpoints/ckpt-000002"));
    Files.writeString(cut.resolve("meta.json"), "{\"epoch\":2,\"globalStep\":20,\"phase\":\"free\",\"extra\":{}}");
    Files.write(cut.resolve("variables.index"), java.util.Arrays.copyOf(index, 12));
    Files.write(cut.resolve("variables.data-00000-of-00001"), new byte[] {1});
    Files.createDirectories(run.resolve("checkpoints/ckpt-000003")); // empty: incomplete
    assertEquals(List.of("ckpt-000002: index without the table footer", "ckpt-000003: incomplete"),
        CheckpointAudit.publishedProblems(run));
  }

  @Test
  void linearFitRecoversALine() {
    LinearFit fit = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7});
    assertEquals(2, fit.slope(), 1e-12);
    assertEquals(1, fit.intercept(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {2, 2}, new double[] {1, 3}));
  }

  private static List<SoakSample> samples(double... mib) {
    List<SoakSample> out = new ArrayList<>();
    for (int i = 0; i < mib.length; i++) {
      out.add(new SoakSample(i * 60.0, (long) (mib[i] * 1024), -1, -1));
    }
    return out;
  }

  @Test
  void soakAnalysisSkipsWarmUpAndFlagsGrowth() {
    // Warm-up climbs from 50 to 500 MiB, then flat: passes.
    SoakAnalysis flat = SoakAnalysis.of(samples(50, 300, 500, 501, 499, 502, 500, 501, 500, 502, 501, 500), 0.2, 0.05);
    assertTrue(flat.flat(), flat.toString());
    assertEquals(3, flat.warmupSamples());
    assertEquals(501, flat.baseMiB(), 1e-9);
    assertTrue(Math.abs(flat.slopeMiBPerHour()) < 10, flat.toString());
    // 1 MiB a minute after warm-up: +60 MiB/hour and beyond 5 % by the end.
    double[] growing = new double[50];
    growing[0] = 50;
    for (int i = 1; i < growing.length; i++) {
      growing[i] = 490 + i;
    }
    SoakAnalysis leak = SoakAnalysis.of(samples(growing), 0.2, 0.05);
    assertEquals(60, leak.slopeMiBPerHour(), 1e-6);
    assertFalse(leak.flat(), leak.toString());
    assertThrows(IllegalArgumentException.class, () -> SoakAnalysis.of(samples(1, 2), 0.2, 0.05));
    assertThrows(IllegalArgumentException.class, () -> SoakAnalysis.of(samples(1, 2, 3, 4), 1.0, 0.05));
  }

  @Test
  void memoryFiguresAreParsed() {
    assertEquals(Optional.of(123456L), ProcessMemory.rssFromStatus("Name:\tjava\nVmPeak:\t 9 kB\nVmRSS:\t  123456 kB\n"));
    assertEquals(Optional.empty(), ProcessMemory.rssFromStatus("Name:\tzombie\n"));
    String nmt = "Native Memory Tracking:\n\nTotal: reserved=1720535KB, committed=360511KB\n"
        + "-                 Java Heap (reserved=262144KB, committed=262144KB)\n";
    assertEquals(Optional.of(new ProcessMemory.JvmMemory(360511, 262144)), ProcessMemory.parseNativeMemorySummary(nmt));
    assertEquals(Optional.empty(), ProcessMemory.parseNativeMemorySummary("Native memory tracking is not enabled"));
    assertTrue(ProcessMemory.rssKiB(ProcessHandle.current().pid()).orElseThrow() > 10_000, "this JVM uses > 10 MiB");
    assertEquals(Optional.empty(), ProcessMemory.rssKiB(Long.MAX_VALUE));
  }

  @Test
  void settingsAndRatingsValidate() throws Exception {
    Path data = TinyRatings.write(temp.resolve("data"), 10, 130, 5, 1);
    List<String> lines = Files.readAllLines(data.resolve("ml-100k/u.data"));
    assertEquals(50, lines.size());
    assertTrue(lines.stream().allMatch(l -> l.split("\t").length == 4));
    assertThrows(IllegalArgumentException.class, () -> TinyRatings.write(temp, 10, 100, 5, 1));
    TrainSettings s = new TrainSettings(data, 6, 256, 1, List.of("--eval-every", "2"));
    List<String> args = s.arguments(temp.resolve("run"));
    assertEquals(List.of("--out", temp.resolve("run").toString()), args.subList(args.size() - 2, args.size()));
    assertTrue(args.containsAll(List.of("--threads", "1", "--eval-every", "2", "--epochs", "6")));
    assertThrows(IllegalArgumentException.class, () -> new TrainSettings(data, 1, 256, 1, List.of()));
  }

  @Test
  void soakRoundsStepsUpToWholeEpochsOnAFixedPreTouchedHeap() {
    // 9,500 rows per epoch at batch 64: 149 steps per epoch.
    SoakHarness soak = new SoakHarness(1_000_000, 64, 500, java.time.Duration.ofSeconds(5), 12, 0.2, 0.05, "256m");
    assertEquals(6712, soak.epochs(), "ceil(1,000,000 / 149)");
    assertEquals(2, new SoakHarness(10, 64, 500, java.time.Duration.ofSeconds(5), 12, 0.2, 0.05, "256m").epochs(),
        "at least one free and one constrained epoch");
    assertTrue(soak.jvmOptions().containsAll(List.of("-XX:NativeMemoryTracking=summary", "-Xms256m", "-Xmx256m",
        "-XX:+AlwaysPreTouch")), soak.jvmOptions().toString());
    assertThrows(IllegalArgumentException.class,
        () -> new SoakHarness(10, 0, 500, java.time.Duration.ofSeconds(5), 12, 0.2, 0.05, "256m"));
  }
}
