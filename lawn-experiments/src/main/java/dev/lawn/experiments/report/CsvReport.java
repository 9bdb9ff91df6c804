package dev.lawn.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@link GroupedResults} as CSV in long form, one line per (group, metric): the row and
 * column key values, {@code metric}, {@code n}, {@code mean}, {@code se} (empty for n=1). Long
 * form, so that a spreadsheet or pandas pivots it as it likes.
 */
public final class CsvReport {

  private CsvReport() {}

  /** The CSV text with a header line. */
  public static String render(GroupedResults results) {
    return render(results, Map.of());
  }

  /**
   * The CSV text with a header line, then a line per difference cell: its label ({@code A − B}) in
   * the first row-key field (the others empty), {@code n} empty, and the difference's mean and SE.
   */
  public static String render(GroupedResults results, Map<RowDifference, List<RowDifference.Cell>> differences) {
    List<String> header = new ArrayList<>(results.rowKeys());
    header.addAll(results.columnKeys());
    header.addAll(List.of("metric", "n", "mean", "se"));
    StringBuilder csv = new StringBuilder(line(header));
    for (GroupedResults.Cell cell : results.cells()) {
      List<String> fields = new ArrayList<>(cell.row().values());
      fields.addAll(cell.column().values());
      fields.add(cell.metric());
      fields.add(Integer.toString(cell.stats().n()));
      fields.add(number(cell.stats().mean()));
      fields.add(cell.stats().hasError() ? number(cell.stats().standardError()) : "");
      csv.append(line(fields));
    }
    differences.forEach((d, cells) -> {
      for (RowDifference.Cell cell : cells) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < results.rowKeys().size(); i++) {
          fields.add(i == 0 ? d.label() : "");
        }
        fields.addAll(cell.column().values());
        fields.add(cell.metric());
        fields.add("");
        fields.add(number(cell.mean()));
        fields.add(Double.isNaN(cell.standardError()) ? "" : number(cell.standardError()));
        csv.append(line(fields));
      }
    });
    return csv.toString();
  }

  /** Full precision (shortest exact text): the CSV is for further processing. */
  private static String number(double value) {
    return Double.toString(value);
  }

  private static String line(List<String> fields) {
    return fields.stream().map(CsvReport::escape).collect(Collectors.joining(",")) + "\n";
  }

  /** RFC 4180 quoting for fields holding a comma, quote or newline. */
  static String escape(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}
