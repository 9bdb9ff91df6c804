package dev.lawn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of a bench run: Markdown sections (heading, text, table, notes) for people, and the raw
 * numbers by section for tools ({@code --out FILE} writes {@code FILE} and {@code FILE}'s name with
 * {@code .json}).
 */
public final class BenchReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final StringBuilder markdown = new StringBuilder();
  private final Map<String, Object> raw = new LinkedHashMap<>();

  /** A report headed by the machine and the load average at its start. */
  public BenchReport(String command) {
    Machine machine = Machine.current();
    String load = Machine.loadAverage();
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    markdown.append("# lawn bench\n\n")
        .append("`").append(command).append("`, started ").append(started).append("\n\n")
        .append("Machine: ").append(machine.describe()).append("; load average at start: ").append(load)
        .append("\n");
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("command", command);
    header.put("started", started);
    header.put("machine", machine);
    header.put("load_average_at_start", load);
    raw.put("run", header);
  }

  /**
   * Appends a section.
   *
   * @param text paragraphs before the table (each printed as its own paragraph)
   * @param notes lines after the table, as a bullet list
   */
  public BenchReport section(String key, String heading, List<String> text, MarkdownTable table, List<String> notes) {
    markdown.append("\n## ").append(heading).append("\n\n");
    for (String paragraph : text) {
      markdown.append(paragraph).append("\n\n");
    }
    if (table != null) {
      markdown.append(table.render());
    }
    if (!notes.isEmpty()) {
      markdown.append(table != null ? "\n" : "");
      notes.forEach(n -> markdown.append("- ").append(n).append('\n'));
    }
    return this;
  }

  /** Stores raw numbers under {@code key} (records and maps serialize as JSON objects). */
  public BenchReport raw(String key, Object value) {
    raw.put(key, value);
    return this;
  }

  /** The Markdown text, ending with the load average at the time it is asked for. */
  public String markdown() {
    return markdown + "\nLoad average at end: " + Machine.loadAverage() + "\n";
  }

  /** The raw numbers as JSON. */
  public String json() throws IOException {
    return JSON.writeValueAsString(raw);
  }

  /** Writes the Markdown to {@code file} and the JSON next to it. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, markdown());
    Files.writeString(jsonFileFor(file), json() + "\n");
  }

  /** {@code bench.md -> bench.json}; a name without extension gets {@code .json} appended. */
  public static Path jsonFileFor(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    Path json = file.resolveSibling(base + ".json");
    if (json.equals(file)) {
      json = file.resolveSibling(base + ".raw.json");
    }
    return json;
  }
}
