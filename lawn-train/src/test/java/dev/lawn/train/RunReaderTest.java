package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.log.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunReader} on run directories written as the trainer writes them. */
class RunReaderTest {

  @TempDir Path dir;

  /** Two evaluations through the real writer, then summary.json and config.json as the trainer writes them. */
  private void writeGoodRun() throws IOException {
    try (MetricsLog log = MetricsLog.create(dir)) {
      log.append(row(1, "free", 0.5, 0.25));
      log.append(row(2, "constrained", Double.NaN, 0.5)); // NaN is written as null
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("hr@10", 0.5);
    summary.put("switch_epoch", 1);
    summary.put("switch_reason", "e-free 1");
    summary.put("config", Map.of("optimizer", "adam-lawn", "model", Map.of("hidden", List.of(64, 32))));
    RunDirectory.writeJsonAtomically(dir.resolve(RunDirectory.SUMMARY), summary);
    RunDirectory.writeJsonAtomically(dir.resolve(RunDirectory.CONFIG), Map.of("optimizer", "adam-lawn", "lr", 0.001));
  }

  private static Map<String, Object> row(int epoch, String phase, double loss, double hr) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("epoch", epoch);
    row.put("loss", loss);
    row.put("phase", phase);
    row.put("hr@10", hr);
    return row;
  }

  @Test
  void readsWhatTheTrainerWrites() throws IOException {
    writeGoodRun();
    List<MetricsRow> rows = RunReader.metrics(dir);
    assertEquals(2, rows.size());
    assertEquals(List.of("epoch", "loss", "phase", "hr@10"), List.copyOf(rows.get(0).fields().keySet()));
    assertEquals(1.0, rows.get(0).value("epoch").getAsDouble());
    assertEquals(Map.of("epoch", 1.0, "loss", 0.5, "hr@10", 0.25), rows.get(0).values());
    assertEquals("free", rows.get(0).phase());
    assertEquals("constrained", rows.get(1).phase());
    assertTrue(rows.get(1).value("loss").isEmpty(), "a NaN loss is logged as null: no number");
    assertTrue(rows.get(1).fields().containsKey("loss"));

    RunSummary summary = RunReader.summary(dir);
    assertEquals(0.5, summary.value("hr@10").getAsDouble());
    assertEquals(Map.of("hr@10", 0.5, "switch_epoch", 1.0), summary.numbers());
    assertEquals("adam-lawn", summary.config().get("optimizer"));
    assertEquals(Map.of("hidden", List.of(64, 32)), summary.config().get("model"));
    assertEquals(Map.of("optimizer", "adam-lawn", "lr", 0.001), RunReader.config(dir));
    assertTrue(RunReader.hasMetrics(dir));
  }

  @Test
  void aLastLineCutShortIsNamedWithItsFileAndLine() throws IOException {
    writeGoodRun();
    Path metrics = dir.resolve(RunDirectory.METRICS);
    Files.writeString(metrics, Files.readString(metrics) + "{\"epoch\": 3, \"lo", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    RunFormatException e = assertThrows(RunFormatException.class, () -> RunReader.metrics(dir));
    assertTrue(e.getMessage().startsWith(metrics + ":3: malformed JSON (the last line, without its newline: cut short"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aMalformedLineIsNamedWithItsFileAndLine() throws IOException {
    writeGoodRun();
    Path metrics = dir.resolve(RunDirectory.METRICS);
    List<String> lines = Files.readAllLines(metrics);
    Files.write(metrics, List.of(lines.get(0), "{\"epoch\": 2,, }", lines.get(1)));
    RunFormatException e = assertThrows(RunFormatException.class, () -> RunReader.metrics(dir));
    assertTrue(e.getMessage().startsWith(metrics + ":2: malformed JSON: "), e.getMessage());
    assertTrue(!e.getMessage().contains("cut short"), e.getMessage());

    Files.write(metrics, List.of(lines.get(0), "[1, 2]"));
    e = assertThrows(RunFormatException.class, () -> RunReader.metrics(dir));
    assertEquals(metrics + ":2: expected a JSON object per line", e.getMessage());
  }

  @Test
  void aMalformedSummaryNamesItsLine() throws IOException {
    Path summary = dir.resolve(RunDirectory.SUMMARY);
    Files.writeString(summary, "{\n  \"hr@10\": 0.5,\n  \"config\": {\"optimizer\": adam}\n}\n");
    RunFormatException e = assertThrows(RunFormatException.class, () -> RunReader.summary(dir));
    assertTrue(e.getMessage().startsWith(summary + ":3: malformed JSON"), e.getMessage());

    Files.writeString(summary, "{\"hr@10\": 0.5, \"config\": [1]}");
    e = assertThrows(RunFormatException.class, () -> RunReader.summary(dir));
    assertEquals(summary + ": 'config' must be a JSON object", e.getMessage());
  }

  @Test
  void aMissingSummaryMeansTheRunHasNotFinished() throws IOException {
    try (MetricsLog log = MetricsLog.create(dir)) {
      log.append(row(1, "free", 0.5, 0.25));
    }
    RunFormatException e = assertThrows(RunFormatException.class, () -> RunReader.summary(dir));
    assertEquals(dir.resolve(RunDirectory.SUMMARY) + ": missing: the run has not finished (the trainer writes it last)",
        e.getMessage());
    assertEquals(1, RunReader.metrics(dir).size(), "an unfinished run's metrics are readable");
  }

  @Test
  void noMetricsFileIsNoSuchFile() {
    assertTrue(!RunReader.hasMetrics(dir));
    assertThrows(NoSuchFileException.class, () -> RunReader.metrics(dir));
    assertThrows(RunFormatException.class, () -> RunReader.config(dir));
  }

  @Test
  void nanAndInfinityTokensAreResultsNotErrors() throws IOException {
    Files.writeString(dir.resolve(RunDirectory.METRICS), "{\"epoch\": 1, \"loss\": NaN, \"margin_p50\": -Infinity}\n");
    MetricsRow row = RunReader.metrics(dir).get(0);
    assertTrue(Double.isNaN(row.value("loss").getAsDouble()));
    assertEquals(Double.NEGATIVE_INFINITY, row.value("margin_p50").getAsDouble());
    assertNull(row.phase());
  }
}
