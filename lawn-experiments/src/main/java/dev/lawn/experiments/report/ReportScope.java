package dev.lawn.experiments.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a report covers, checked: the runs, the metrics (chosen or defaults, each reported by some
 * run), the row keys (chosen or the varying ones, minus the column keys), all of them keys some
 * run has.
 *
 * @param runs the runs tabulated
 * @param metrics the metrics, the first one plotted
 * @param rowKeys the keys of the table rows
 * @param varying the keys whose value differs between runs, minus the ignored ones
 * @param keys every configuration key of any run
 */
record ReportScope(
    List<RunRecord> runs, List<String> metrics, List<String> rowKeys, List<String> varying, Set<String> keys) {

  static ReportScope of(List<RunRecord> runs, List<String> rows, List<String> cols, List<String> metrics,
      boolean allMetrics, Set<String> ignored) {
    Set<String> keys = RunGrouping.allKeys(runs);
    requireKeys("--rows", rows == null ? List.of() : rows, keys);
    requireKeys("--cols", cols, keys);
    List<String> chosen = metrics != null ? metrics : allMetrics ? MetricNames.all(runs) : MetricNames.defaults(runs);
    requireMetrics(chosen, runs);
    List<String> varying = RunGrouping.varyingKeys(runs, ignored);
    List<String> rowKeys = new ArrayList<>(rows != null ? rows : varying);
    rowKeys.removeAll(cols);
    return new ReportScope(runs, List.copyOf(chosen), List.copyOf(rowKeys), varying, keys);
  }

  void requireKeys(String option, List<String> wanted) {
    requireKeys(option, wanted, keys);
  }

  private static void requireKeys(String option, List<String> wanted, Set<String> keys) {
    for (String key : wanted) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException(
            option + ": no run has config key '" + key + "' (keys: " + String.join(", ", keys) + ")");
      }
    }
  }

  static void requireMetrics(List<String> wanted, Collection<RunRecord> runs) {
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("no metric to report: summary.json files hold no metrics; use --metric");
    }
    Set<String> available = new TreeSet<>();
    runs.forEach(r -> available.addAll(r.summary().keySet()));
    for (String metric : wanted) {
      if (!available.contains(metric)) {
        throw new IllegalArgumentException(
            "--metric: no finished run reports '" + metric + "' in summary.json (available: "
                + String.join(", ", available) + ")");
      }
    }
  }
}
