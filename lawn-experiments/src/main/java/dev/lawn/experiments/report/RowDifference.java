package dev.lawn.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * "Row A − row B" of a report's table, cell by cell: how far one configuration is ahead of another
 * (Adam-LAWN − Adam + WD at each batch size), as {@code lawn report --difference A:B} prints it.
 *
 * <p>Each side names one row of the table by terms separated by commas: {@code key=value} (the row's
 * value of that row key) or a bare {@code value} (one of the row's values). {@code adam-lawn:adam}
 * and {@code optimizer=adam-lawn,lr=0.001:optimizer=adam} are both differences. A side that matches no
 * row, or more than one, is an error naming the rows.
 *
 * <p>The standard error of a difference is {@code sqrt(SE_A² + SE_B²)}, that of two independent
 * means. Runs of the two rows that share seeds are not independent (they see the same data order and
 * initialization), so for them this is the conservative figure.
 *
 * @param spec the text as given ({@code A:B}), which labels the rows it adds
 * @param minuend the terms of side A
 * @param subtrahend the terms of side B
 */
public record RowDifference(String spec, List<String> minuend, List<String> subtrahend) {

  /** The option whose value this is, named in every message. */
  public static final String OPTION = "--difference";

  /** Copies the lists. */
  public RowDifference {
    minuend = List.copyOf(minuend);
    subtrahend = List.copyOf(subtrahend);
  }

  /**
   * Parses {@code A:B}.
   *
   * @throws IllegalArgumentException naming {@value #OPTION} when there is not exactly one colon or a side is empty
   */
  public static RowDifference parse(String spec) {
    String[] sides = spec.split(":", -1);
    if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
      throw new IllegalArgumentException(OPTION + " takes ROW_A:ROW_B (e.g. adam-lawn:adam or"
          + " optimizer=adam-lawn,lr=0.001:optimizer=adam), not '" + spec + "'");
    }
    return new RowDifference(spec, terms(sides[0]), terms(sides[1]));
  }

  /** The label of the rows this adds: {@code A − B}. */
  public String label() {
    return String.join(",", minuend) + " − " + String.join(",", subtrahend);
  }

  /**
   * One cell of a difference row.
   *
   * @param column the column's key values (empty without column keys)
   * @param metric the metric
   * @param meanA mean of A's cell
   * @param meanB mean of B's cell
   * @param standardError {@code sqrt(SE_A² + SE_B²)}, NaN when either side has a single run
   * @param nA runs behind A's cell
   * @param nB runs behind B's cell
   */
  public record Cell(Map<String, String> column, String metric, double meanA, double meanB, double standardError,
      int nA, int nB) {

    /** A's mean minus B's. */
    public double mean() {
      return meanA - meanB;
    }

    /**
     * {@code +0.0177 ± 0.0061 (n=3 vs 3)}, or {@code -0.0050 (n=1 vs 3, no SE)}: four decimals, as the
     * cells it is taken from (exponent form where those are below 0.001).
     */
    public String format() {
      String counts = "n=" + nA + " vs " + nB;
      if (Double.isNaN(standardError)) {
        return signed(mean()) + " (" + counts + ", no SE)";
      }
      return signed(mean()) + " ± " + text(standardError) + " (" + counts + ")";
    }

    private String signed(double value) {
      String text = text(value);
      if (text.replace("-", "").matches("[0.]+")) {
        return text.replace("-", ""); // rounds to zero: no sign
      }
      return value > 0 ? "+" + text : text;
    }

    private String text(double value) {
      boolean tiny = Math.max(Math.abs(meanA), Math.abs(meanB)) < 1e-3 && value != 0;
      return String.format(Locale.ROOT, tiny ? "%.3e" : "%.4f", value);
    }
  }

  /**
   * The difference row's cells, one per (column, metric) where both rows have a cell.
   *
   * @throws IllegalArgumentException naming {@value #OPTION} when a side matches no row or several
   */
  public List<Cell> cells(GroupedResults results) {
    Map<String, String> a = row(results, minuend);
    Map<String, String> b = row(results, subtrahend);
    List<Cell> out = new ArrayList<>();
    for (String metric : results.metrics()) {
      for (Map<String, String> column : results.columns()) {
        var x = results.cell(a, column, metric);
        var y = results.cell(b, column, metric);
        if (x.isPresent() && y.isPresent()) {
          MeanWithError p = x.get().stats();
          MeanWithError q = y.get().stats();
          double se = p.hasError() && q.hasError()
              ? Math.sqrt(p.standardError() * p.standardError() + q.standardError() * q.standardError())
              : Double.NaN;
          out.add(new Cell(column, metric, p.mean(), q.mean(), se, p.n(), q.n()));
        }
      }
    }
    return out;
  }

  /** The one row that every term matches. */
  private Map<String, String> row(GroupedResults results, List<String> terms) {
    for (String term : terms) {
      int eq = term.indexOf('=');
      if (eq >= 0 && !results.rowKeys().contains(term.substring(0, eq))) {
        throw new IllegalArgumentException(OPTION + " " + spec + ": " + term.substring(0, eq) + " is not a row key of"
            + " the table (rows are " + (results.rowKeys().isEmpty() ? "not split" : "by " + String.join(", ", results.rowKeys()))
            + "; choose them with --rows)");
      }
    }
    List<Map<String, String>> matches = results.rows().stream().filter(r -> terms.stream().allMatch(t -> matches(r, t)))
        .toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    String rows = results.rows().stream().map(RowDifference::describe).collect(Collectors.joining("; "));
    throw new IllegalArgumentException(OPTION + " " + spec + ": '" + String.join(",", terms) + "' matches "
        + (matches.isEmpty() ? "no row" : matches.size() + " rows") + " of the table (rows: " + rows + ")"
        + (matches.size() > 1 ? "; name more keys, as key=value" : ""));
  }

  private static boolean matches(Map<String, String> row, String term) {
    int eq = term.indexOf('=');
    if (eq < 0) {
      return row.containsValue(term);
    }
    return term.substring(eq + 1).equals(row.get(term.substring(0, eq)));
  }

  private static String describe(Map<String, String> row) {
    return row.isEmpty() ? "all" : row.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** The side's terms, a number's value written as the table writes it ({@code 1e-3} is {@code 0.001}). */
  private static List<String> terms(String side) {
    List<String> out = new ArrayList<>();
    for (String term : side.split(",")) {
      String t = term.strip();
      if (!t.isEmpty()) {
        int eq = t.indexOf('=');
        out.add(eq < 0 ? canonical(t) : t.substring(0, eq).strip() + "=" + canonical(t.substring(eq + 1).strip()));
      }
    }
    return out;
  }

  private static String canonical(String value) {
    try {
      return ConfigValues.text(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
