package dev.lawn.train.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-evaluation metrics of a run, written twice: one JSON object per line to {@code
 * RUN_DIR/metrics.jsonl} and one row to {@code RUN_DIR/metrics.csv}. Both files are flushed after
 * every row, so a crash loses at most the row being written.
 *
 * <p>Rows are maps with a stable key order (use a {@code LinkedHashMap}); every row needs an
 * integral {@value #EPOCH_KEY}. Values are numbers, strings, booleans or null. Numbers stay numbers;
 * in JSON, NaN and infinities become {@code null} (JSON has no such numbers), in CSV they are
 * written {@code NaN}, {@code inf}, {@code -inf}. The CSV header is the key order of the first row
 * ever written; later rows may leave columns out (empty cells), and a row with keys the header lacks
 * widens it: the new columns are appended, the CSV is rewritten atomically with empty cells for the
 * earlier rows, then the row is written. So a run resumed by a lawn that logs more metrics than the one
 * that started it keeps one log (the JSON lines simply gain keys).
 *
 * <p>On {@link #resume resume} from epoch {@code e}, lines of epochs after {@code e} belong to a
 * lost future and are dropped (the files are rewritten atomically), then appending continues.
 * {@link #append} is synchronized.
 */
public final class MetricsLog implements Closeable {

  /** Name of the JSON-lines file in the run directory. */
  public static final String JSONL_FILE = "metrics.jsonl";
  /** Name of the CSV file in the run directory. */
  public static final String CSV_FILE = "metrics.csv";
  /** The key every row must carry; resume filters on it. */
  public static final String EPOCH_KEY = "epoch";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path jsonlPath;
  private final Path csvPath;
  private final BufferedWriter jsonl;
  private BufferedWriter csv;
  private List<String> columns;

  private MetricsLog(Path runDir, List<String> columns) throws IOException {
    this.jsonlPath = runDir.resolve(JSONL_FILE);
    this.csvPath = runDir.resolve(CSV_FILE);
    this.columns = columns;
    this.jsonl = append(jsonlPath);
    BufferedWriter csvWriter;
    try {
      csvWriter = append(csvPath);
    } catch (IOException e) {
      jsonl.close();
      throw e;
    }
    this.csv = csvWriter;
  }

  /**
   * Starts the log of a new run.
   *
   * @throws FileAlreadyExistsException if the run directory already holds non-empty metrics files
   *     (resume the run instead, or pick a new directory)
   */
  public static MetricsLog create(Path runDir) throws IOException {
    Files.createDirectories(runDir);
    for (String name : List.of(JSONL_FILE, CSV_FILE)) {
      Path file = runDir.resolve(name);
      if (Files.exists(file) && Files.size(file) > 0) {
        throw new FileAlreadyExistsException(
            file.toString(), null, "metrics of an earlier run; resume it or use a new run directory");
      }
    }
    return new MetricsLog(runDir, null);
  }

  /**
   * Continues the log of a run restored at the end of {@code resumedEpoch}: keeps the rows of epochs
   * {@code <= resumedEpoch} (and stops at the first row that is later, or truncated by a crash),
   * drops the rest, and appends after them. Missing files are fine (a run may resume before its
   * first evaluation). A CSV row lost between the two writes of a crash is rebuilt from the JSON
   * line, with null for NaN.
   */
  public static MetricsLog resume(Path runDir, int resumedEpoch) throws IOException {
    Files.createDirectories(runDir);
    Path jsonlPath = runDir.resolve(JSONL_FILE);
    Path csvPath = runDir.resolve(CSV_FILE);

    List<String> keptLines = new ArrayList<>();
    List<JsonNode> keptRows = new ArrayList<>();
    if (Files.exists(jsonlPath)) {
      for (String line : completeLines(jsonlPath)) {
        JsonNode row = parseOrNull(line);
        if (row == null || !row.path(EPOCH_KEY).canConvertToInt()
            || row.get(EPOCH_KEY).asInt() > resumedEpoch) {
          break;
        }
        keptLines.add(line);
        keptRows.add(row);
      }
    }

    List<String> csvRecords =
        Files.exists(csvPath) ? CsvFormat.records(Files.readString(csvPath), false) : List.of();
    List<String> columns;
    if (!csvRecords.isEmpty()) {
      columns = CsvFormat.fields(csvRecords.get(0));
    } else if (!keptRows.isEmpty()) {
      columns = new ArrayList<>();
      keptRows.get(0).fieldNames().forEachRemaining(columns::add);
    } else {
      columns = null;
    }
    List<String> keptCsv = new ArrayList<>();
    if (columns != null) {
      keptCsv.add(CsvFormat.record(columns));
      for (int i = 0; i < keptRows.size(); i++) {
        keptCsv.add(i + 1 < csvRecords.size() ? csvRecords.get(i + 1) : csvRow(columns, keptRows.get(i)));
      }
    }

    rewriteAtomically(jsonlPath, keptLines);
    rewriteAtomically(csvPath, keptCsv);
    return new MetricsLog(runDir, columns);
  }

  /**
   * Appends one evaluation.
   *
   * @param row key-ordered values; must hold an integral {@value #EPOCH_KEY}
   * @throws IllegalArgumentException for a missing or non-integral epoch or an unsupported value type;
   *     nothing is written then
   */
  public synchronized void append(Map<String, ?> row) throws IOException {
    Object epoch = row.get(EPOCH_KEY);
    if (!(epoch instanceof Integer || epoch instanceof Long || epoch instanceof Short)) {
      throw new IllegalArgumentException(
          "metrics row needs an integral '" + EPOCH_KEY + "', got " + epoch + " in " + row.keySet());
    }
    ObjectNode json = JSON.createObjectNode();
    for (Map.Entry<String, ?> e : row.entrySet()) {
      putJson(json, e.getKey(), e.getValue());
    }
    List<String> header = columns == null ? List.copyOf(row.keySet()) : columns;
    List<String> added = row.keySet().stream().filter(key -> !header.contains(key)).toList();
    if (!added.isEmpty()) {
      widenCsv(added); // before the JSON line: a crash between the two leaves a wider header, no lost row
    }

    jsonl.write(JSON.writeValueAsString(json));
    jsonl.write('\n');
    jsonl.flush();
    if (columns == null) {
      columns = header;
      csv.write(CsvFormat.record(columns));
      csv.write('\n');
    }
    List<String> cells = new ArrayList<>(columns.size());
    for (String column : columns) {
      cells.add(csvCell(row.get(column)));
    }
    csv.write(CsvFormat.record(cells));
    csv.write('\n');
    csv.flush();
  }

  /**
   * Appends {@code added} to the CSV header: rewrites the file atomically with the wider header and an
   * empty cell per new column in every earlier row, then appends to the new file.
   */
  private void widenCsv(List<String> added) throws IOException {
    csv.close();
    List<String> records = CsvFormat.records(Files.readString(csvPath), false);
    List<String> wider = new ArrayList<>(columns);
    wider.addAll(added);
    List<String> lines = new ArrayList<>(records.size());
    lines.add(CsvFormat.record(wider));
    String emptyCells = ",".repeat(added.size());
    for (String record : records.subList(Math.min(1, records.size()), records.size())) {
      lines.add(record + emptyCells);
    }
    try {
      rewriteAtomically(csvPath, lines);
      columns = wider;
    } finally {
      csv = append(csvPath); // the old file on a failed rewrite, which stays valid with the old header
    }
  }

  /** CSV columns, or an empty list before the first row. */
  public synchronized List<String> columns() {
    return columns == null ? List.of() : List.copyOf(columns);
  }

  /** Path of the JSON-lines file. */
  public Path jsonlPath() {
    return jsonlPath;
  }

  /** Path of the CSV file. */
  public Path csvPath() {
    return csvPath;
  }

  @Override
  public synchronized void close() throws IOException {
    BufferedWriter csvWriter = csv; // the field changes when the header widens
    try (jsonl;
        csvWriter) {
      // closes both, even if the first close fails
    }
  }

  private static void putJson(ObjectNode json, String key, Object value) {
    if (value == null) {
      json.putNull(key);
    } else if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        json.putNull(key);
      } else if (value instanceof Float f) {
        json.put(key, f); // written as the float's shortest decimal, e.g. 0.1 not 0.10000000149
      } else {
        json.put(key, d);
      }
    } else if (value instanceof Integer i) {
      json.put(key, i);
    } else if (value instanceof Long l) {
      json.put(key, l);
    } else if (value instanceof Short s) {
      json.put(key, s);
    } else if (value instanceof Boolean b) {
      json.put(key, b);
    } else if (value instanceof CharSequence s) {
      json.put(key, s.toString());
    } else {
      throw new IllegalArgumentException(
          "metrics value of '" + key + "' must be a number, string, boolean or null, got "
              + value.getClass().getName());
    }
  }

  private static String csvCell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "inf" : "-inf";
      }
    }
    return value.toString();
  }

  private static String csvRow(List<String> columns, JsonNode row) {
    List<String> cells = new ArrayList<>(columns.size());
    for (String column : columns) {
      JsonNode v = row.get(column);
      cells.add(v == null || v.isNull() ? "" : v.asText());
    }
    return CsvFormat.record(cells);
  }

  private static JsonNode parseOrNull(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null; // a line cut short by a crash
    }
  }

  private static void rewriteAtomically(Path file, List<String> lines) throws IOException {
    if (lines.isEmpty() && !Files.exists(file)) {
      return;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static BufferedWriter append(Path file) throws IOException {
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Complete lines of a file; a last line without its newline was cut short and is left out. */
  private static List<String> completeLines(Path file) throws IOException {
    String text = Files.readString(file);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    lines.remove(lines.size() - 1); // the text after the last newline: empty, or a torn line
    return lines;
  }
}
