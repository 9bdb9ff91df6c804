package dev.lawn.tools.report;

import dev.lawn.experiments.report.BatchSizePlot;
import dev.lawn.experiments.report.ConfigValues;
import dev.lawn.experiments.report.PlotKind;
import dev.lawn.experiments.report.Report;
import dev.lawn.experiments.report.RowDifference;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
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

  @Option(names = "--difference", paramLabel = "A:B",
      description = "Add a row 'A - B' under every table: row A's mean minus row B's in each column, with the"
          + " standard error sqrt(SE_A^2 + SE_B^2). Each side names one row by its values (adam-lawn:adam) or"
          + " key=value terms (optimizer=adam-lawn,lr=0.001:optimizer=adam). Repeatable.")
  private List<String> differences = new ArrayList<>();

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

  @Option(names = "--plot", split = ",", paramLabel = "KIND", converter = PlotKindConverter.class,
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
    Report report = Report.of(inputs);
    for (Path unfinished : report.unfinished()) {
      stderr.println("lawn report: ignoring unfinished run (no summary.json): " + unfinished);
    }
    report.rows(rows).cols(cols).metrics(metrics).allMetrics(allMetrics).ignore(ignore)
        .selectedOnly(selectedOnly).batchSizePlot(series, xKey, select)
        .differences(differences.stream().map(RowDifference::parse).toList());
    Report.Tables tables = report.tables();
    stdout.print(tables.markdown());
    stdout.flush();
    if (out != null) {
      tables.write(out);
      stderr.println("lawn report: wrote " + out.resolve(Report.MARKDOWN_FILE) + " and " + Report.CSV_FILE);
    }
    for (PlotKind kind : new LinkedHashSet<>(plots)) {
      if (kind == PlotKind.BATCH_SIZE) {
        describe(report.batchSizePoints(), select == null ? report.plottedMetric() : select, stderr);
      }
      Path file = report.writePlot(kind, out.resolve(kind.fileName()), width, height);
      stderr.println("lawn report: wrote " + file);
    }
    return 0;
  }

  /** One line per point of the batch-size plot, naming the configuration chosen there. */
  private void describe(List<BatchSizePlot.Point> points, String selectMetric, PrintWriter stderr) {
    for (BatchSizePlot.Point p : points) {
      // Name only what was chosen: the keys beyond the series and x.
      String chosen =
          p.chosen().key().entrySet().stream()
              .filter(e -> !series.contains(e.getKey()) && !e.getKey().equals(xKey))
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(", "));
      stderr.printf(
          "lawn report: batch-size plot: %s, %s=%s: %s%s%n",
          p.series(), xKey, ConfigValues.text(p.x()), p.value().format(),
          chosen.isEmpty() ? "" : " (best by " + selectMetric + ": " + chosen + ")");
    }
  }

  /** {@code --plot} values: the plots' names. */
  public static final class PlotKindConverter implements ITypeConverter<PlotKind> {
    @Override
    public PlotKind convert(String value) {
      return PlotKind.named(value).orElseThrow(() -> new IllegalArgumentException(
          "'" + value + "' is not a plot; choose one of "
              + java.util.Arrays.stream(PlotKind.values()).map(PlotKind::cliName).collect(Collectors.joining(", "))));
    }
  }
}
