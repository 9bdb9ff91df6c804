package dev.lawn.experiments.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Final metrics of runs grouped by row keys and column keys: the numbers behind a report, before
 * any rendering.
 *
 * @param rowKeys configuration keys that identify a row
 * @param columnKeys configuration keys that identify a column (empty: one column per metric)
 * @param metrics the summary.json metrics reported
 * @param rows the distinct row values, sorted
 * @param columns the distinct column values, sorted (one empty map when there are no column keys)
 * @param cells one cell per (row, column, metric) that has at least one run reporting the metric
 */
public record GroupedResults(
    List<String> rowKeys,
    List<String> columnKeys,
    List<String> metrics,
    List<Map<String, String>> rows,
    List<Map<String, String>> columns,
    List<Cell> cells) {

  /**
   * The statistics of one metric over the runs of one (row, column) group.
   *
   * @param row row values
   * @param column column values (empty without column keys)
   * @param metric the metric
   * @param stats mean and SE over the runs that report the metric
   */
  public record Cell(
      Map<String, String> row, Map<String, String> column, String metric, MeanWithError stats) {}

  /** Copies the lists. */
  public GroupedResults {
    rowKeys = List.copyOf(rowKeys);
    columnKeys = List.copyOf(columnKeys);
    metrics = List.copyOf(metrics);
    rows = List.copyOf(rows);
    columns = List.copyOf(columns);
    cells = List.copyOf(cells);
  }

  /** Groups the runs by {@code rowKeys + columnKeys} and computes each metric's statistics. */
  public static GroupedResults of(
      Collection<RunRecord> runs, List<String> rowKeys, List<String> columnKeys, List<String> metrics) {
    Set<String> overlap = new LinkedHashSet<>(rowKeys);
    overlap.retainAll(columnKeys);
    if (!overlap.isEmpty()) {
      throw new IllegalArgumentException("--rows and --cols share keys " + overlap);
    }
    List<Map<String, String>> rows = keysOf(RunGrouping.group(runs, rowKeys));
    List<Map<String, String>> columns = keysOf(RunGrouping.group(runs, columnKeys));
    List<String> allKeys = new ArrayList<>(rowKeys);
    allKeys.addAll(columnKeys);
    List<Cell> cells = new ArrayList<>();
    for (RunGroup group : RunGrouping.group(runs, allKeys)) {
      Map<String, String> row = new LinkedHashMap<>();
      Map<String, String> column = new LinkedHashMap<>();
      group.key().forEach((k, v) -> (rowKeys.contains(k) ? row : column).put(k, v));
      for (String metric : metrics) {
        group.finalStats(metric).ifPresent(stats -> cells.add(new Cell(row, column, metric, stats)));
      }
    }
    return new GroupedResults(rowKeys, columnKeys, metrics, rows, columns, cells);
  }

  /** The cell of a (row, column, metric), empty when no run of that group reports the metric. */
  public Optional<Cell> cell(Map<String, String> row, Map<String, String> column, String metric) {
    return cells.stream()
        .filter(c -> c.row().equals(row) && c.column().equals(column) && c.metric().equals(metric))
        .findFirst();
  }

  private static List<Map<String, String>> keysOf(List<RunGroup> groups) {
    return groups.stream().map(RunGroup::key).toList();
  }
}
