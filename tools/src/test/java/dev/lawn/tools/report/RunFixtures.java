package dev.lawn.tools.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lawn.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes synthetic run directories following the run-directory contract, for tests. */
public final class RunFixtures {

  private static final JsonMapper JSON = new JsonMapper();

  private RunFixtures() {}

  /** Writes metrics.jsonl (if rows given) and summary.json = finals + {config}. */
  public static Path finishedRun(
      Path dir, Map<String, Object> config, Map<String, Object> finals, List<Map<String, Object>> rows)
      throws IOException {
    Files.createDirectories(dir);
    if (!rows.isEmpty()) {
      writeMetrics(dir, rows);
    }
    Map<String, Object> summary = new LinkedHashMap<>(finals);
    summary.put("config", config);
    Files.writeString(dir.resolve(RunDirectory.SUMMARY), JSON.writeValueAsString(summary));
    return dir;
  }

  /** Writes metrics.jsonl only: an unfinished run. */
  public static Path unfinishedRun(Path dir, List<Map<String, Object>> rows) throws IOException {
    Files.createDirectories(dir);
    writeMetrics(dir, rows);
    return dir;
  }

  /** One metrics.jsonl row. */
  public static Map<String, Object> row(int epoch, String phase, Object... keyValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("epoch", epoch);
    row.put("step", epoch * 10);
    row.put("phase", phase);
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  /** A map from alternating keys and values. */
  public static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static void writeMetrics(Path dir, List<Map<String, Object>> rows) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> row : rows) {
      text.append(JSON.writeValueAsString(row)).append('\n');
    }
    Files.writeString(dir.resolve(RunDirectory.METRICS), text);
  }
}
