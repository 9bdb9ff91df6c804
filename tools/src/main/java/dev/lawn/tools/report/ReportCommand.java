package dev.lawn.tools.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lawn report}: tables (Markdown + CSV) and plots (PNG) of finished runs, mean ± standard
 * error over seeds.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Tabulate and plot finished runs (directories with summary.json): mean ± standard error over"
          + " seeds, run count in every cell.",
      "Runs are grouped by their configuration minus seed unless --rows/--cols choose the keys."
    })
public final class ReportCommand implements Callable<Integer> {

  /** Markdown table file inside {@code --out}. */
  public static final String MARKDOWN_FILE = "report.md";
  /** CSV file inside {@code --out}. */
  public static final String CSV_FILE = "report.csv";

  @Spec private CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "Run directories or directories of runs (searched recursively).")
  private List<Path> inputs;

  @Option(names = "--rows", split = ",", paramLabel = "KEY",
      description = "Config keys of the table rows (default: every key that varies, minus seed).")
  private List<String> rows;

  @Option(names = "--cols", split = ",", paramLabel = "KEY",
      description = "Config keys of the table columns: one pivot table per metric.")
  private List<String> cols = new ArrayList<>();

  @Option(names = "--metric", split = ",", paramLabel = "NAME",
      description = "summary.json metrics to report, the first one plotted (default: the primary"
          + " ones the runs report: hr@10, ndcg@10 or accuracy, ece; their val_ counterparts; margin_p50).")
  private List<String> metrics;

  @Option(names = "--all-metrics",
      description = "Report every numeric value of summary.json, bookkeeping included (parameters,"
          + " best_epoch, wall_seconds, ...).")
  private boolean allMetrics;

  @Option(names = "--ignore", split = ",", paramLabel = "KEY",
      description = "Config keys that do not distinguish configurations, in addition to "
          + "seed, out, run_dir, resume.")
  private List<String> ignore = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write report.md, report.csv and the plots into DIR (default with --plot and one"
          + " DIR: DIR/report).")
  private Path out;

  @Option(names = "--plot", split = ",", paramLabel = "KIND", converter = PlotKind.Converter.class,
      description = "Plots to draw into --out: epoch (metric and margin_p50 vs epoch),"
          + " batch-size (final metric vs batch size, one line per --series).")
  private List<PlotKind> plots = new ArrayList<>();

  @Option(names = "--series", split = ",", paramLabel = "KEY", defaultValue = "optimizer",
      description = "batch-size plot: config keys of one line each (default: ${DEFAULT-VALUE}).")
  private List<String> series;

  @Option(names = "--x-key", paramLabel = "KEY", defaultValue = "batch_size",
      description = "batch-size plot: config key of the x axis (default: ${DEFAULT-VALUE}).")
  private String xKey;

  @Option(names = "--select", paramLabel = "METRIC",
      description = "batch-size plot: metric that picks the best configuration at each point,"
          + " e.g. val_hr@10 (default: the plotted metric, which is optimistic).")
  private String select;

  @Option(names = "--selected",
      description = "Inside a sweep's folder keep only the runs of the grid point the sweep selected"
          + " (its sweep-summary.json): one cell per tuned configuration over its final seeds.")
  private boolean selectedOnly;

  @Option(names = "--width", paramLabel = "PX", defaultValue = "900",
      description = "Plot width in pixels (default: ${DEFAULT-VALUE}).")
  private int width;

  @Option(names = "--height", paramLabel = "PX", defaultValue = "600",
      description = "Plot height in pixels (default: ${DEFAULT-VALUE}).")
  private int height;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (!plots.isEmpty() && out == null) {
      if (inputs.size() != 1) {
        throw new IllegalArgumentException("--plot with several DIRs needs --out DIR to write the PNG files into");
      }
      out = inputs.get(0).resolve("report");
    }
    RunDirectoryScanner.Result scan = new RunDirectoryScanner().scan(inputs);
    List<RunRecord> runs = readFinished(scan, stderr);
    // What the table cost: every finished run under the inputs, tuning runs included.
    double runSeconds = runs.stream().mapToDouble(r -> r.finalValue("wall_seconds").orElse(0)).sum();
    int allRuns = runs.size();
    if (selectedOnly) {
      runs = new SelectedRuns().filter(runs);
    }
    Set<String> ignored = new HashSet<>(RunGrouping.DEFAULT_IGNORED);
    ignored.addAll(ignore);
    Set<String> keys = RunGrouping.allKeys(runs);
    requireKeys("--rows", rows == null ? List.of() : rows, keys);
    requireKeys("--cols", cols, keys);
    if (allMetrics && metrics != null) {
      throw new IllegalArgumentException("--metric and --all-metrics: give one of them");
    }
    List<String> chosenMetrics =
        metrics != null ? metrics : allMetrics ? MetricNames.all(runs) : MetricNames.defaults(runs);
    requireMetrics(chosenMetrics, runs);

    List<String> varying = RunGrouping.varyingKeys(runs, ignored);
    List<String> rowKeys = new ArrayList<>(rows != null ? rows : varying);
    rowKeys.removeAll(cols);
    List<String> pooled = new ArrayList<>(varying);
    pooled.removeAll(rowKeys);
    pooled.removeAll(cols);

    GroupedResults results = GroupedResults.of(runs, rowKeys, cols, chosenMetrics);
    String markdown =
        MarkdownReport.render(
            results,
            new MarkdownReport.Context(
                runs.size(), RunGrouping.commonValues(runs, ignored), pooled, scan.unfinished()));
    markdown += String.format(java.util.Locale.ROOT,
        "%nRun time behind this report: %.0f s (%.2f h) of wall-clock over %d finished runs%s.%n",
        runSeconds, runSeconds / 3600, allRuns, selectedOnly ? " (tuning runs included)" : "");
    stdout.print(markdown);
    stdout.flush();
    if (out != null) {
      Files.createDirectories(out);
      Files.writeString(out.resolve(MARKDOWN_FILE), markdown, StandardCharsets.UTF_8);
      Files.writeString(out.resolve(CSV_FILE), CsvReport.render(results), StandardCharsets.UTF_8);
      stderr.println("lawn report: wrote " + out.resolve(MARKDOWN_FILE) + " and " + CSV_FILE);
    }
    for (PlotKind kind : new LinkedHashSet<>(plots)) {
      Path file = out.resolve(kind.fileName());
      PngWriter.write(chart(kind, runs, rowKeys, chosenMetrics.get(0), ignored, keys, stderr), file, width, height);
      stderr.println("lawn report: wrote " + file);
    }
    return 0;
  }

  private List<RunRecord> readFinished(RunDirectoryScanner.Result scan, PrintWriter stderr)
      throws IOException {
    for (Path unfinished : scan.unfinished()) {
      stderr.println("lawn report: ignoring unfinished run (no summary.json): " + unfinished);
    }
    if (scan.finished().isEmpty()) {
      throw new IllegalArgumentException("no finished run (directory with summary.json) under " + inputs);
    }
    RunReader reader = new RunReader();
    List<RunRecord> runs = new ArrayList<>();
    for (Path dir : scan.finished()) {
      runs.add(reader.read(dir));
    }
    return runs;
  }

  private JFreeChart chart(
      PlotKind kind,
      List<RunRecord> runs,
      List<String> rowKeys,
      String metric,
      Set<String> ignored,
      Set<String> keys,
      PrintWriter stderr) {
    if (kind == PlotKind.EPOCH) {
      List<String> groupKeys = new ArrayList<>(rowKeys);
      groupKeys.addAll(cols);
      return EpochPlot.chart(RunGrouping.group(runs, groupKeys), metric);
    }
    requireKeys("--x-key", List.of(xKey), keys);
    requireKeys("--series", series, keys);
    String selectMetric = select == null ? metric : select;
    requireMetrics(List.of(selectMetric), runs);
    List<BatchSizePlot.Point> points =
        BatchSizePlot.points(
            runs, xKey, series, metric, selectMetric, MetricNames.lowerIsBetter(selectMetric), ignored);
    for (BatchSizePlot.Point p : points) {
      // Name only what was chosen: the keys beyond the series and x.
      String chosen =
          p.chosen().key().entrySet().stream()
              .filter(e -> !series.contains(e.getKey()) && !e.getKey().equals(xKey))
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(java.util.stream.Collectors.joining(", "));
      stderr.printf(
          "lawn report: batch-size plot: %s, %s=%s: %s%s%n",
          p.series(), xKey, ConfigValues.text(p.x()), p.value().format(),
          chosen.isEmpty() ? "" : " (best by " + selectMetric + ": " + chosen + ")");
    }
    return BatchSizePlot.chart(points, xKey, metric);
  }

  private static void requireKeys(String option, List<String> wanted, Set<String> keys) {
    for (String key : wanted) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException(
            option + ": no run has config key '" + key + "' (keys: " + String.join(", ", keys) + ")");
      }
    }
  }

  private static void requireMetrics(List<String> wanted, Collection<RunRecord> runs) {
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("no metric to report: summary.json files hold no metrics; use --metric");
    }
    Set<String> available = new java.util.TreeSet<>();
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
