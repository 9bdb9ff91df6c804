package dev.lawn.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;

/**
 * A report over finished runs: tables of final metrics (mean ± standard error over seeds, run
 * count in every cell) as Markdown and CSV, and the paper's plots. The entry point of the report
 * library ({@code lawn report DIR...} is a thin command over it).
 *
 * <pre>{@code
 * Report report = Report.of(List.of(Path.of("runs/ml100k/sweep"))).cols(List.of("batch_size"));
 * Report.Tables tables = report.tables();
 * System.out.print(tables.markdown());
 * tables.write(Path.of("report"));                             // report.md, report.csv
 * report.writePlot(PlotKind.EPOCH, Path.of("report/epoch.png"), 900, 600);
 * }</pre>
 *
 * <p>Runs are grouped by their configuration minus the keys that distinguish repetitions
 * ({@link RunGrouping#DEFAULT_IGNORED}) unless {@link #rows}/{@link #cols} choose the keys. The
 * settings methods change this report and return it; errors name the setting as the command line
 * spells it ({@code --rows}, {@code --metric}, ...).
 */
public final class Report {

  /** Markdown table file written by {@link Tables#write}. */
  public static final String MARKDOWN_FILE = "report.md";
  /** CSV file written by {@link Tables#write}. */
  public static final String CSV_FILE = "report.csv";

  private final List<Path> inputs;
  private final RunDirectoryScanner.Result scan;
  private List<RunRecord> finished;
  private List<String> rows;
  private List<String> cols = List.of();
  private List<String> metrics;
  private boolean allMetrics;
  private final Set<String> ignored = new HashSet<>(RunGrouping.DEFAULT_IGNORED);
  private boolean selectedOnly;
  private List<String> series = List.of("optimizer");
  private String xKey = "batch_size";
  private String select;
  private List<RowDifference> differences = List.of();

  private Report(List<Path> inputs, RunDirectoryScanner.Result scan) {
    this.inputs = List.copyOf(inputs);
    this.scan = scan;
  }

  /**
   * The runs under {@code inputs} (run directories or folders of runs, searched recursively). The
   * finished ones are read when a table or plot is first asked for.
   *
   * @throws IllegalArgumentException for an input that does not exist or is not a directory
   */
  public static Report of(List<Path> inputs) throws IOException {
    return new Report(inputs, new RunDirectoryScanner().scan(inputs));
  }

  /** Run directories without summary.json (still training, interrupted or failed): left out. */
  public List<Path> unfinished() {
    return scan.unfinished();
  }

  /** Configuration keys of the table rows (null: every key that varies, minus the ignored ones). */
  public Report rows(List<String> keys) {
    this.rows = keys == null ? null : List.copyOf(keys);
    return this;
  }

  /** Configuration keys of the table columns: one pivot table per metric (empty: none). */
  public Report cols(List<String> keys) {
    this.cols = List.copyOf(keys);
    return this;
  }

  /** The summary.json metrics reported, the first one plotted (null: {@link MetricNames#defaults}). */
  public Report metrics(List<String> names) {
    this.metrics = names == null ? null : List.copyOf(names);
    return this;
  }

  /** Every numeric value of summary.json, bookkeeping included ({@link MetricNames#all}). */
  public Report allMetrics(boolean all) {
    this.allMetrics = all;
    return this;
  }

  /** Configuration keys that do not distinguish configurations, besides the default ones. */
  public Report ignore(Collection<String> keys) {
    ignored.addAll(keys);
    return this;
  }

  /** Inside a sweep's folder, only the runs of the grid point the sweep selected ({@link SelectedRuns}). */
  public Report selectedOnly(boolean selected) {
    this.selectedOnly = selected;
    return this;
  }

  /**
   * The batch-size plot's settings.
   *
   * @param seriesKeys configuration keys of one line each
   * @param x configuration key of the x axis
   * @param selectMetric the metric picking the configuration shown at each point (null: the plotted one)
   */
  public Report batchSizePlot(List<String> seriesKeys, String x, String selectMetric) {
    this.series = List.copyOf(seriesKeys);
    this.xKey = x;
    this.select = selectMetric;
    return this;
  }

  /** Rows "A − B" added under every table ({@link RowDifference}; empty: none). */
  public Report differences(List<RowDifference> rowDifferences) {
    this.differences = List.copyOf(rowDifferences);
    return this;
  }

  /** The tables: grouped results, their Markdown (with its context lines) and CSV. */
  public Tables tables() throws IOException {
    ReportScope scope = scope();
    GroupedResults results = GroupedResults.of(scope.runs(), scope.rowKeys(), cols, scope.metrics());
    List<String> cellKeys = new ArrayList<>(scope.rowKeys());
    cellKeys.addAll(cols);
    List<String> pooled = RunGrouping.pooledKeys(scope.runs(), cellKeys, scope.varying());
    Map<RowDifference, List<RowDifference.Cell>> differenceCells = new LinkedHashMap<>();
    for (RowDifference d : differences) {
      differenceCells.put(d, d.cells(results));
    }
    String markdown = MarkdownReport.render(results, new MarkdownReport.Context(
        scope.runs().size(), RunGrouping.commonValues(scope.runs(), ignored), pooled, scan.unfinished()), differenceCells);
    // What the table cost: every finished run under the inputs, tuning runs included.
    double seconds = finished().stream().mapToDouble(r -> r.finalValue("wall_seconds").orElse(0)).sum();
    markdown += String.format(Locale.ROOT,
        "%nRun time behind this report: %.0f s (%.2f h) of wall-clock over %d finished runs%s.%n",
        seconds, seconds / 3600, finished().size(), selectedOnly ? " (tuning runs included)" : "");
    return new Tables(results, markdown, CsvReport.render(results, differenceCells));
  }

  /** The metric the plots show: the first one reported. */
  public String plottedMetric() throws IOException {
    return scope().metrics().get(0);
  }

  /** The chart of a plot over the first reported metric. */
  public JFreeChart plot(PlotKind kind) throws IOException {
    ReportScope scope = scope();
    if (kind == PlotKind.EPOCH) {
      List<String> groupKeys = new ArrayList<>(scope.rowKeys());
      groupKeys.addAll(cols);
      return EpochPlot.chart(RunGrouping.group(scope.runs(), groupKeys), scope.metrics().get(0));
    }
    return BatchSizePlot.chart(batchSizePoints(), xKey, scope.metrics().get(0));
  }

  /**
   * Draws a plot ({@link #plot}) into a PNG file of {@code width x height} pixels ({@link PngWriter}).
   *
   * @return the file written
   */
  public Path writePlot(PlotKind kind, Path file, int width, int height) throws IOException {
    PngWriter.write(plot(kind), file, width, height);
    return file;
  }

  /** The points of the batch-size plot: the configuration chosen at each (series, x). */
  public List<BatchSizePlot.Point> batchSizePoints() throws IOException {
    ReportScope scope = scope();
    scope.requireKeys("--x-key", List.of(xKey));
    scope.requireKeys("--series", series);
    String metric = scope.metrics().get(0);
    String selectMetric = select == null ? metric : select;
    ReportScope.requireMetrics(List.of(selectMetric), scope.runs());
    return BatchSizePlot.points(
        scope.runs(), xKey, series, metric, selectMetric, MetricNames.lowerIsBetter(selectMetric), ignored);
  }

  /**
   * Rendered tables.
   *
   * @param results the numbers behind them
   * @param markdown the Markdown document
   * @param csv the CSV, one line per (group, metric)
   */
  public record Tables(GroupedResults results, String markdown, String csv) {

    /** Writes {@value #MARKDOWN_FILE} and {@value #CSV_FILE} into {@code dir}, created if needed. */
    public void write(Path dir) throws IOException {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(MARKDOWN_FILE), markdown, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(CSV_FILE), csv, StandardCharsets.UTF_8);
    }
  }

  private List<RunRecord> finished() throws IOException {
    if (finished == null) {
      if (scan.finished().isEmpty()) {
        throw new IllegalArgumentException("no finished run (directory with summary.json) under " + inputs);
      }
      List<RunRecord> read = new ArrayList<>();
      for (Path dir : scan.finished()) {
        read.add(RunRecord.read(dir));
      }
      finished = List.copyOf(read);
    }
    return finished;
  }

  private ReportScope scope() throws IOException {
    List<RunRecord> runs = selectedOnly ? new SelectedRuns().filter(finished()) : finished();
    if (allMetrics && metrics != null) {
      throw new IllegalArgumentException("--metric and --all-metrics: give one of them");
    }
    return ReportScope.of(runs, rows, cols, metrics, allMetrics, new TreeSet<>(ignored));
  }
}
