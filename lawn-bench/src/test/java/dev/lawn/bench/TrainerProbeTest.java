package dev.lawn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.MetricsRow;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.RunReader;
import dev.lawn.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the trainer's per-epoch rows back into timings. */
class TrainerProbeTest {

  private static TrainVariant lawn(int epochs, int eFree) {
    return new TrainVariant("trainer", "adam-lawn", "ncf-mlp", "movielens-100k", null, 1024, epochs, eFree, 0, 1);
  }

  @TempDir Path runDir;

  /** The rows as the bench reads them: a metrics.jsonl through the one run-folder reader. */
  private List<MetricsRow> read(List<String> jsonl) throws IOException {
    Files.write(runDir.resolve(RunDirectory.METRICS), jsonl);
    return RunReader.metrics(runDir);
  }

  @Test
  void cumulativeCountersAreDifferencedPerEpoch() throws Exception {
    List<String> rows = List.of(
        "{\"epoch\":1,\"phase\":\"free\",\"train_seconds\":2.0,\"samples_per_second\":500.0}",
        "{\"epoch\":2,\"phase\":\"constrained\",\"train_seconds\":3.0,\"samples_per_second\":666.6666666666666}",
        "{\"epoch\":3,\"phase\":\"constrained\",\"train_seconds\":5.0,\"samples_per_second\":600.0}");
    List<EpochTiming> epochs = TrainerProbe.epochs(lawn(3, 1), read(rows), List.of(0.5, 0.25));
    assertEquals(List.of(1000L, 1000L, 1000L), epochs.stream().map(EpochTiming::samples).toList());
    assertEquals(List.of(2.0, 1.0, 2.0), epochs.stream().map(EpochTiming::seconds).toList());
    assertEquals(List.of("free", "constrained", "constrained"), epochs.stream().map(EpochTiming::phase).toList());
    assertEquals(0.25, epochs.get(1).cpuSeconds());
    assertTrue(Double.isNaN(epochs.get(2).cpuSeconds()), "an epoch without a CPU reading");
    assertTrue(Double.isNaN(epochs.get(0).inputSeconds()), "rows without input_wait_seconds");
  }

  @Test
  void inputWaitIsDifferencedPerEpoch() throws Exception {
    List<String> rows = List.of(
        "{\"epoch\":1,\"phase\":\"free\",\"train_seconds\":2.0,\"samples_per_second\":500.0,\"input_wait_seconds\":0.25}",
        "{\"epoch\":2,\"phase\":\"constrained\",\"train_seconds\":3.0,\"samples_per_second\":500.0,\"input_wait_seconds\":0.375}");
    List<EpochTiming> epochs = TrainerProbe.epochs(lawn(2, 1), read(rows), List.of());
    assertEquals(List.of(0.25, 0.125), epochs.stream().map(EpochTiming::inputSeconds).toList());
  }

  @Test
  void rowsThatContradictThePlanAreRefused() {
    List<String> wrongPhase = List.of(
        "{\"epoch\":1,\"phase\":\"free\",\"train_seconds\":2.0,\"samples_per_second\":500.0}",
        "{\"epoch\":2,\"phase\":\"free\",\"train_seconds\":3.0,\"samples_per_second\":500.0}");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainerProbe.epochs(lawn(2, 1), read(wrongPhase), List.of()));
    assertTrue(e.getMessage().contains("epoch 2 is free, the bench expected constrained"), e.getMessage());
    List<String> gap = List.of("{\"epoch\":2,\"phase\":\"free\",\"train_seconds\":1,\"samples_per_second\":1}");
    assertThrows(IllegalStateException.class, () -> TrainerProbe.epochs(lawn(2, 1), read(gap), List.of()));
    assertThrows(IllegalStateException.class, () -> TrainerProbe.epochs(lawn(2, 1), read(wrongPhase.subList(0, 1)), List.of()),
        "a missing epoch");
  }

  @Test
  void trainerConfigKeepsTheDefaultsAndSetsTheVariant() {
    TrainConfig c = TrainerProbe.config(new TrainVariant("trainer", "lamb-lawn", "ncf-mlp", "movielens-100k", "/data",
        10_000, 3, 1, 2, 7));
    assertEquals("lamb-lawn", c.optimizer().choice().toString());
    assertEquals(10_000, c.optimizer().batchSize());
    assertEquals(3, c.optimizer().epochs());
    assertEquals("1", c.lawn().eFree().text());
    assertEquals(java.nio.file.Path.of("/data"), c.data().dir());
    assertEquals(2, c.placement().threads());
    assertEquals(7, c.seed());
    assertEquals(1, c.logging().evalEvery(), "a metrics row per epoch");
    assertEquals(3, c.logging().checkpointEvery(), "one checkpoint, at the end");
    assertEquals(TrainConfig.defaults().optimizer().lr(), c.optimizer().lr());
    assertEquals(TrainConfig.defaults().data().negatives(), c.data().negatives());
    assertEquals(2.0, c.optimizer().warmupEpochs());
    assertEquals(2.0, TrainerProbe.config(lawn(2, 1)).optimizer().warmupEpochs());
  }

  @Test
  void phasesFollowEFree() {
    TrainVariant v = lawn(4, 2);
    assertEquals(List.of("free", "free", "constrained", "constrained"),
        List.of(v.phaseOf(1), v.phaseOf(2), v.phaseOf(3), v.phaseOf(4)));
    TrainVariant plain = new TrainVariant("trainer", "adam", "ncf-mlp", "movielens-100k", null, 1024, 4, 2, 0, 1);
    assertEquals("free", plain.phaseOf(4));
    assertThrows(IllegalArgumentException.class, () -> lawn(3, 4));
  }
}
