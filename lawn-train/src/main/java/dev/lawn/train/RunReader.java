package dev.lawn.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads what the trainer writes into a run directory ({@link RunDirectory}): {@code summary.json}
 * ({@link RunSummary}), {@code metrics.jsonl} (one {@link MetricsRow} per evaluation, as
 * {@link dev.lawn.train.log.MetricsLog} writes them) and {@code config.json}. The one reader of
 * these files: reports, sweeps and the reliability harnesses all read through it.
 *
 * <pre>{@code
 * RunSummary summary = RunReader.summary(runDir);        // throws if the run has not finished
 * double hr = summary.value("hr@10").orElseThrow();
 * for (MetricsRow row : RunReader.metrics(runDir)) {
 *   System.out.println(row.value("epoch") + " " + row.phase() + " " + row.value("loss"));
 * }
 * }</pre>
 *
 * <p>A file that breaks the format fails with a {@link RunFormatException} naming the file and
 * line ({@code runs/a/metrics.jsonl:3: malformed JSON: ...}); a last line cut short (a run killed
 * while writing it) is named as such. NaN and Infinity are accepted: a diverged loss is a result,
 * not a format error.
 */
public final class RunReader {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private RunReader() {}

  /**
   * The run's {@code summary.json}.
   *
   * @throws RunFormatException when it is missing (the run has not finished) or is not a JSON object
   */
  public static RunSummary summary(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(RunDirectory.SUMMARY);
    if (!Files.isRegularFile(file)) {
      throw new RunFormatException(file, "missing: the run has not finished (the trainer writes it last)");
    }
    RunSummary summary = new RunSummary(file, readObject(file));
    summary.config(); // a summary whose config is not an object is malformed as a whole
    return summary;
  }

  /**
   * The run's {@code config.json} as written when it started (nested maps as JSON has them).
   *
   * @throws RunFormatException when it is missing or is not a JSON object
   */
  public static Map<String, Object> config(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(RunDirectory.CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new RunFormatException(file, "missing: not a run directory");
    }
    return readObject(file);
  }

  /**
   * Every row of the run's {@code metrics.jsonl}, in file order; blank lines are skipped.
   *
   * @throws NoSuchFileException when the run has no metrics.jsonl (it stopped before its first evaluation)
   * @throws RunFormatException for a line that is not a JSON object
   */
  public static List<MetricsRow> metrics(Path runDirectory) throws IOException {
    return metrics(runDirectory, e -> {
      throw e;
    });
  }

  /**
   * The rows of the run's {@code metrics.jsonl} that can be read, in file order, for a reader that
   * must not fail on a file still being written or left torn by a killed run ({@code lawn status}):
   * each line that is not a JSON object is skipped and its {@link RunFormatException} (naming the
   * file and line) handed to {@code skipped}.
   *
   * @throws NoSuchFileException when the run has no metrics.jsonl
   */
  public static List<MetricsRow> readableMetrics(Path runDirectory, Consumer<RunFormatException> skipped)
      throws IOException {
    return metrics(runDirectory, skipped);
  }

  private static List<MetricsRow> metrics(Path runDirectory, Consumer<RunFormatException> malformed)
      throws IOException {
    Path file = runDirectory.resolve(RunDirectory.METRICS);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    // The piece after the last newline: empty, or a line whose write was cut short.
    int complete = lines.length - 1;
    List<MetricsRow> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      long lineNumber = i + 1;
      Object value;
      try {
        value = JSON.readValue(line, Object.class);
      } catch (JsonProcessingException e) {
        String cut = i == complete ? " (the last line, without its newline: cut short by a killed run?)" : "";
        malformed.accept(new RunFormatException(file, lineNumber, "malformed JSON" + cut + ": " + e.getOriginalMessage()));
        continue;
      }
      if (!(value instanceof Map<?, ?>)) {
        malformed.accept(new RunFormatException(file, lineNumber, "expected a JSON object per line"));
        continue;
      }
      rows.add(new MetricsRow(typed(value)));
    }
    return rows;
  }

  /** Whether the run has a metrics.jsonl. */
  public static boolean hasMetrics(Path runDirectory) {
    return Files.isRegularFile(runDirectory.resolve(RunDirectory.METRICS));
  }

  /** Reads one JSON object from a file; a syntax error names the parser's line. */
  private static Map<String, Object> readObject(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Object value;
    try {
      value = JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      long line = location == null ? 1 : Math.max(1, location.getLineNr());
      throw new RunFormatException(file, line, "malformed JSON: " + e.getOriginalMessage());
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new RunFormatException(file, "expected a JSON object");
    }
    return typed(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> typed(Object value) {
    return (Map<String, Object>) value;
  }
}
