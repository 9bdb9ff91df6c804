package dev.lawn.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@link GroupedResults} as Markdown: a line of context, then one table (one column per
 * metric) or, with column keys, one pivot table per metric, each followed by its {@link RowDifference}
 * rows. Every cell carries its run count.
 */
public final class MarkdownReport {

  /** Shown for a (row, column) that no finished run reports. */
  static final String EMPTY_CELL = "—";

  private MarkdownReport() {}

  /**
   * Context printed above the tables.
   *
   * @param runCount finished runs behind the tables
   * @param common configuration values shared by all runs
   * @param pooledKeys keys that vary between runs of one cell (other than seeds)
   * @param unfinished runs ignored for lack of summary.json
   */
  public record Context(
      int runCount, Map<String, String> common, List<String> pooledKeys, List<Path> unfinished) {}

  /** The full Markdown document. */
  public static String render(GroupedResults results, Context context) {
    return render(results, context, Map.of());
  }

  /** The full Markdown document, with a row "A − B" under every table for each difference. */
  public static String render(GroupedResults results, Context context,
      Map<RowDifference, List<RowDifference.Cell>> differences) {
    StringBuilder md = new StringBuilder("# lawn report\n\n");
    md.append(context.runCount())
        .append(context.runCount() == 1 ? " finished run" : " finished runs")
        .append(". Cells: mean ± standard error over runs (SE = sample std / sqrt(n); none for n=1),")
        .append(" n = runs behind the cell.\n");
    if (!context.common().isEmpty()) {
      md.append("\nCommon configuration: ")
          .append(
              context.common().entrySet().stream()
                  .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    if (!context.pooledKeys().isEmpty()) {
      md.append("\nNote: cells pool runs that differ in ")
          .append(String.join(", ", context.pooledKeys()))
          .append(".\n");
    }
    if (results.columnKeys().isEmpty()) {
      md.append('\n').append(metricColumnsTable(results, differences));
    } else {
      for (String metric : results.metrics()) {
        md.append("\n## ").append(metric).append("\n\n").append(pivotTable(results, metric, differences));
      }
    }
    if (!context.unfinished().isEmpty()) {
      md.append("\nUnfinished runs (no summary.json), ignored:\n");
      context.unfinished().forEach(p -> md.append("- ").append(p).append('\n'));
    }
    return md.toString();
  }

  private static String metricColumnsTable(GroupedResults results,
      Map<RowDifference, List<RowDifference.Cell>> differences) {
    List<String> header = new ArrayList<>(rowHeader(results));
    header.addAll(results.metrics());
    List<List<String>> body = new ArrayList<>();
    for (Map<String, String> row : results.rows()) {
      List<String> line = new ArrayList<>(rowLabel(results, row));
      for (String metric : results.metrics()) {
        line.add(cellText(results, row, Map.of(), metric));
      }
      body.add(line);
    }
    differences.forEach((d, cells) -> {
      List<String> line = differenceLabel(results, d);
      for (String metric : results.metrics()) {
        line.add(differenceText(cells, Map.of(), metric));
      }
      body.add(line);
    });
    return table(header, body);
  }

  private static String pivotTable(GroupedResults results, String metric,
      Map<RowDifference, List<RowDifference.Cell>> differences) {
    List<String> header = new ArrayList<>(rowHeader(results));
    for (Map<String, String> column : results.columns()) {
      header.add(
          column.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(", ")));
    }
    List<List<String>> body = new ArrayList<>();
    for (Map<String, String> row : results.rows()) {
      List<String> line = new ArrayList<>(rowLabel(results, row));
      for (Map<String, String> column : results.columns()) {
        line.add(cellText(results, row, column, metric));
      }
      body.add(line);
    }
    differences.forEach((d, cells) -> {
      List<String> line = differenceLabel(results, d);
      for (Map<String, String> column : results.columns()) {
        line.add(differenceText(cells, column, metric));
      }
      body.add(line);
    });
    return table(header, body);
  }

  /** The label in the first row-key column, the others blank. */
  private static List<String> differenceLabel(GroupedResults results, RowDifference d) {
    List<String> label = new ArrayList<>();
    label.add(d.label());
    for (int i = 1; i < rowHeader(results).size(); i++) {
      label.add("");
    }
    return label;
  }

  private static String differenceText(List<RowDifference.Cell> cells, Map<String, String> column, String metric) {
    return cells.stream().filter(c -> c.column().equals(column) && c.metric().equals(metric)).findFirst()
        .map(RowDifference.Cell::format).orElse(EMPTY_CELL);
  }

  private static List<String> rowHeader(GroupedResults results) {
    return results.rowKeys().isEmpty() ? List.of("runs") : results.rowKeys();
  }

  private static List<String> rowLabel(GroupedResults results, Map<String, String> row) {
    return results.rowKeys().isEmpty() ? List.of("all") : List.copyOf(row.values());
  }

  private static String cellText(
      GroupedResults results, Map<String, String> row, Map<String, String> column, String metric) {
    return results.cell(row, column, metric).map(c -> c.stats().format()).orElse(EMPTY_CELL);
  }

  /** A GitHub-flavoured Markdown table; pipes inside cells are escaped. */
  static String table(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    out.append(line(header));
    out.append(line(header.stream().map(h -> "---").toList()));
    rows.forEach(r -> out.append(line(r)));
    return out.toString();
  }

  private static String line(List<String> cells) {
    return cells.stream()
            .map(c -> c.replace("|", "\\|"))
            .collect(Collectors.joining(" | ", "| ", " |"))
        + "\n";
  }
}
