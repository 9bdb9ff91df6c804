package dev.lawn.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table: the first column left-aligned (names), the others right-aligned
 * (numbers), cells padded so the plain text reads as a table too.
 */
public final class MarkdownTable {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these column headers (at least one). */
  public MarkdownTable(String... headers) {
    if (headers.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    this.headers = List.of(headers);
  }

  /** Adds a row; it must have one cell per header. */
  public MarkdownTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table " + headers.size() + " columns: " + List.of(cells));
    }
    List<String> row = new ArrayList<>();
    for (String cell : cells) {
      row.add(cell == null ? "" : cell.replace("|", "\\|").replace('\n', ' '));
    }
    rows.add(row);
    return this;
  }

  /** Number of rows added (the header not counted). */
  public int size() {
    return rows.size();
  }

  /** The table, one line per row, each line ending in a newline. */
  public String render() {
    int[] width = new int[headers.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = Math.max(3, headers.get(c).length());
      for (List<String> row : rows) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, width);
    StringBuilder rule = new StringBuilder("|");
    for (int c = 0; c < width.length; c++) {
      rule.append(c == 0 ? " :" + "-".repeat(width[c] - 1) + " |" : " " + "-".repeat(width[c] - 1) + ": |");
    }
    out.append(rule).append('\n');
    rows.forEach(row -> line(out, row, width));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width) {
    out.append('|');
    for (int c = 0; c < width.length; c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      out.append(' ').append(c == 0 ? cell + pad : pad + cell).append(" |");
    }
    out.append('\n');
  }
}
