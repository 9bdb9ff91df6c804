package dev.lawn.tools.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lawn.tools.OneLine;
import dev.lawn.train.RunDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run directory written by {@code lawn train}: {@code summary.json} (final values and the
 * resolved {@code config}) and {@code metrics.jsonl} (one JSON object per evaluation).
 *
 * <p>Malformed JSON fails with a {@link RunFormatException} naming the file and line. NaN and
 * Infinity are accepted: a diverged loss is a result, not a format error.
 */
public final class RunReader {

  /** Key of the resolved configuration inside summary.json. */
  public static final String CONFIG_KEY = "config";

  private final JsonMapper mapper =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** Reads a finished run; the directory must contain summary.json. */
  public RunRecord read(Path runDirectory) throws IOException {
    Path summaryFile = runDirectory.resolve(RunDirectory.SUMMARY);
    Map<String, Object> summary = readObject(summaryFile);
    Map<String, Object> config = new LinkedHashMap<>();
    Object rawConfig = summary.get(CONFIG_KEY);
    if (rawConfig instanceof Map<?, ?> map) {
      map.forEach((k, v) -> config.put(String.valueOf(k), v));
    } else if (rawConfig != null) {
      throw new RunFormatException(summaryFile, "'" + CONFIG_KEY + "' must be a JSON object");
    }
    Path metricsFile = runDirectory.resolve(RunDirectory.METRICS);
    List<MetricsRow> history = Files.exists(metricsFile) ? readHistory(metricsFile) : List.of();
    return new RunRecord(runDirectory, ConfigValues.flatten(config), numbers(summary), history);
  }

  /** Reads one JSON object from a file. */
  public Map<String, Object> readObject(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Object value = parse(file, 0, text);
    if (!(value instanceof Map<?, ?>)) {
      throw new RunFormatException(file, "expected a JSON object");
    }
    return typed(value);
  }

  /** Reads every non-blank line of a JSON-lines file as one evaluation. */
  public List<MetricsRow> readHistory(Path file) throws IOException {
    List<MetricsRow> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        Object value = parse(file, lineNumber, line);
        if (!(value instanceof Map<?, ?>)) {
          throw new RunFormatException(file, lineNumber, "expected a JSON object per line");
        }
        Map<String, Object> object = typed(value);
        Object phase = object.get("phase");
        rows.add(new MetricsRow(numbers(object), phase == null ? null : phase.toString()));
      }
    }
    return rows;
  }

  /** Parses JSON text; {@code firstLine} 0 means "line numbers come from the parser". */
  private Object parse(Path file, long firstLine, String text) {
    try {
      return mapper.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      long line =
          firstLine > 0 ? firstLine : location == null ? 1 : Math.max(1, location.getLineNr());
      throw new RunFormatException(file, line, "malformed JSON: " + OneLine.of(e.getOriginalMessage()));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> typed(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Double> numbers(Map<String, Object> object) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    object.forEach(
        (key, value) -> {
          if (value instanceof Number number) {
            numbers.put(key, number.doubleValue());
          }
        });
    return numbers;
  }
}
