package dev.lawn.train.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path runDir;

  private static Map<String, Object> row(int epoch, double loss) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("epoch", epoch);
    row.put("step", 100L * epoch);
    row.put("loss", loss);
    row.put("acc", 0.1f * epoch);
    row.put("phase", "lawn");
    return row;
  }

  @Test
  void writesJsonLinesAndCsvWithStableKeyOrder() throws IOException {
    try (MetricsLog log = MetricsLog.create(runDir)) {
      log.append(row(1, 0.5));
      log.append(row(2, Double.NaN));
      assertEquals(List.of("epoch", "step", "loss", "acc", "phase"), log.columns());
    }
    List<String> lines = Files.readAllLines(runDir.resolve(MetricsLog.JSONL_FILE));
    assertEquals(2, lines.size());
    assertEquals("{\"epoch\":1,\"step\":100,\"loss\":0.5,\"acc\":0.1,\"phase\":\"lawn\"}", lines.get(0));
    JsonNode second = JSON.readTree(lines.get(1));
    assertTrue(second.get("loss").isNull(), "NaN must be written as null");
    assertTrue(second.get("epoch").isInt());
    assertTrue(second.get("acc").isNumber());

    assertEquals(
        List.of("epoch,step,loss,acc,phase", "1,100,0.5,0.1,lawn", "2,200,NaN,0.2,lawn"),
        Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE)));
  }

  @Test
  void flushesEveryRow() throws IOException {
    try (MetricsLog log = MetricsLog.create(runDir)) {
      log.append(row(1, 0.5));
      // Still open: the row must already be on disk.
      assertEquals(1, Files.readAllLines(log.jsonlPath()).size());
      assertEquals(2, Files.readAllLines(log.csvPath()).size());
    }
  }

  @Test
  void missingColumnsAreEmptyCellsAndStringsAreQuoted() throws IOException {
    try (MetricsLog log = MetricsLog.create(runDir)) {
      log.append(row(1, 0.5));
      Map<String, Object> partial = new LinkedHashMap<>();
      partial.put("epoch", 2);
      partial.put("phase", "warm, \"up\"");
      partial.put("loss", Double.NEGATIVE_INFINITY);
      log.append(partial);
    }
    List<String> csv = Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE));
    assertEquals("2,,-inf,,\"warm, \"\"up\"\"\"", csv.get(2));
    assertEquals(List.of("2", "", "-inf", "", "warm, \"up\""), CsvFormat.fields(csv.get(2)));
  }

  @Test
  void badRowsAreRejectedBeforeAnythingIsWritten() throws IOException {
    try (MetricsLog log = MetricsLog.create(runDir)) {
      log.append(row(1, 0.5));
      Map<String, Object> noEpoch = row(2, 0.4);
      noEpoch.remove("epoch");
      assertThrows(IllegalArgumentException.class, () -> log.append(noEpoch));
      Map<String, Object> badType = row(2, 0.4);
      badType.put("phase", List.of(1));
      assertThrows(IllegalArgumentException.class, () -> log.append(badType));
      Map<String, Object> fractionalEpoch = row(2, 0.4);
      fractionalEpoch.put("epoch", 2.5);
      assertThrows(IllegalArgumentException.class, () -> log.append(fractionalEpoch));
    }
    assertEquals(1, Files.readAllLines(runDir.resolve(MetricsLog.JSONL_FILE)).size());
    assertEquals(2, Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE)).size());
  }

  /** A run resumed by a lawn that logs a metric more (margin_max was added so) keeps one log. */
  @Test
  void aRowWithNewKeysWidensTheCsvAndResumeKeepsIt() throws IOException {
    try (MetricsLog log = MetricsLog.create(runDir)) {
      log.append(row(1, 0.5));
      log.append(row(2, 0.4));
    }
    try (MetricsLog log = MetricsLog.resume(runDir, 2)) {
      Map<String, Object> wider = row(3, 0.3);
      wider.put("margin_max", 7.5);
      wider.put("note", "a, b");
      log.append(wider);
      log.append(row(4, 0.2)); // without the new keys: empty cells
      assertEquals(List.of("epoch", "step", "loss", "acc", "phase", "margin_max", "note"), log.columns());
    }
    assertEquals(List.of("epoch,step,loss,acc,phase,margin_max,note", "1,100,0.5,0.1,lawn,,", "2,200,0.4,0.2,lawn,,",
        "3,300,0.3,0.3,lawn,7.5,\"a, b\"", "4,400,0.2,0.4,lawn,,"), Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE)));
    List<String> lines = Files.readAllLines(runDir.resolve(MetricsLog.JSONL_FILE));
    assertEquals(4, lines.size());
    assertFalse(JSON.readTree(lines.get(1)).has("margin_max"));
    assertEquals(7.5, JSON.readTree(lines.get(2)).get("margin_max").asDouble());

    try (MetricsLog log = MetricsLog.resume(runDir, 3)) { // a resume after the widening keeps the wider header
      assertEquals(List.of("epoch", "step", "loss", "acc", "phase", "margin_max", "note"), log.columns());
    }
    assertEquals(4, Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE)).size());
    assertEquals("3,300,0.3,0.3,lawn,7.5,\"a, b\"", Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE)).get(3));
  }

  @Test
  void createRefusesTheMetricsOfAnEarlierRun() throws IOException {
    try (MetricsLog log = MetricsLog.create(runDir)) {
      log.append(row(1, 0.5));
    }
    FileAlreadyExistsException e =
        assertThrows(FileAlreadyExistsException.class, () -> MetricsLog.create(runDir));
    assertTrue(e.getMessage().contains(MetricsLog.JSONL_FILE), e.getMessage());
  }

  @Test
  void resumeDropsTheLostFutureAndAppendsAfterTheResumedEpoch() throws IOException {
    try (MetricsLog log = MetricsLog.create(runDir)) {
      for (int epoch = 1; epoch <= 5; epoch++) {
        log.append(row(epoch, 1.0 / epoch));
      }
    }
    try (MetricsLog log = MetricsLog.resume(runDir, 3)) {
      assertEquals(List.of("epoch", "step", "loss", "acc", "phase"), log.columns());
      log.append(row(4, 0.2));
    }
    assertEquals(List.of(1, 2, 3, 4), epochsOf(runDir.resolve(MetricsLog.JSONL_FILE)));
    List<String> csv = Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE));
    assertEquals(5, csv.size());
    assertEquals("3,300,0.3333333333333333,0.3,lawn", csv.get(3));
    assertEquals("4,400,0.2,0.4,lawn", csv.get(4));
    assertFalse(Files.exists(runDir.resolve(MetricsLog.JSONL_FILE + ".tmp")));
  }

  @Test
  void resumeDropsALineTornByACrashAndRebuildsAMissingCsvRow() throws IOException {
    try (MetricsLog log = MetricsLog.create(runDir)) {
      log.append(row(1, 0.5));
      log.append(row(2, 0.4));
    }
    // Crash pattern: JSON line of epoch 3 written, CSV row not; then a torn JSON line.
    Path jsonl = runDir.resolve(MetricsLog.JSONL_FILE);
    Files.writeString(jsonl, JSON.writeValueAsString(row(3, 0.3)) + "\n{\"epoch\":4,\"lo", StandardOpenOption.APPEND);
    try (MetricsLog log = MetricsLog.resume(runDir, 10)) {
      log.append(row(4, 0.25));
    }
    assertEquals(List.of(1, 2, 3, 4), epochsOf(jsonl));
    List<String> csv = Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE));
    assertEquals(List.of("epoch,step,loss,acc,phase", "1,100,0.5,0.1,lawn", "2,200,0.4,0.2,lawn",
        "3,300,0.3,0.3,lawn", "4,400,0.25,0.4,lawn"), csv);
  }

  @Test
  void resumeWithoutEarlierMetricsStartsFresh() throws IOException {
    try (MetricsLog log = MetricsLog.resume(runDir, 7)) {
      assertEquals(List.of(), log.columns());
      log.append(row(8, 0.1));
    }
    assertEquals(List.of(8), epochsOf(runDir.resolve(MetricsLog.JSONL_FILE)));
    assertEquals(2, Files.readAllLines(runDir.resolve(MetricsLog.CSV_FILE)).size());
  }

  @Test
  void csvRecordsSplitOnlyOutsideQuotes() {
    assertEquals(List.of("a,\"x\ny\"", "b"), CsvFormat.records("a,\"x\ny\"\nb\n", false));
    assertEquals(List.of("a"), CsvFormat.records("a\r\ntorn", false));
    assertEquals(List.of("a", "torn"), CsvFormat.records("a\ntorn", true));
  }

  private static List<Integer> epochsOf(Path jsonl) throws IOException {
    List<Integer> epochs = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl)) {
      epochs.add(JSON.readTree(line).get("epoch").asInt());
    }
    return epochs;
  }
}
