package dev.lawn.experiments.report;

import java.awt.Color;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A final metric against batch size, one line per series (by default per optimizer), x on a
 * log2 axis, error bars of one standard error: the paper's Figure 2.
 *
 * <p>When several configurations share a (series, batch size) point (a sweep over learning rates,
 * say), the point shows the best one by a selection metric, as the paper shows each optimizer
 * tuned. Select on a validation metric ({@code --select val_hr@10}) for an honest figure: selecting
 * on the plotted test metric is optimistic.
 */
public final class BatchSizePlot {

  private BatchSizePlot() {}

  /**
   * One plotted point.
   *
   * @param series the series label ({@code optimizer=adam})
   * @param x the batch size
   * @param chosen the configuration shown (all its seeds)
   * @param value the plotted metric over the chosen configuration's runs
   */
  public record Point(String series, double x, RunGroup chosen, MeanWithError value) {}

  /**
   * Chooses the configuration behind each (series, x) point.
   *
   * @param runs finished runs
   * @param xKey configuration key of the x axis ({@code batch_size}), a positive number in every run
   * @param seriesKeys configuration keys whose values make one line each
   * @param metric the plotted final metric
   * @param selectMetric the metric that picks the configuration at each point
   * @param lowerIsBetter whether smaller {@code selectMetric} values are better
   * @param ignored configuration keys that distinguish repetitions (seed, ...)
   */
  public static List<Point> points(
      Collection<RunRecord> runs,
      String xKey,
      List<String> seriesKeys,
      String metric,
      String selectMetric,
      boolean lowerIsBetter,
      Set<String> ignored) {
    for (RunRecord run : runs) {
      xOf(run, xKey);
    }
    List<String> configKeys = new ArrayList<>(RunGrouping.varyingKeys(runs, ignored));
    for (String key : seriesKeys) {
      if (!configKeys.contains(key)) {
        configKeys.add(key);
      }
    }
    Map<String, Map<Double, RunGroup>> best = new LinkedHashMap<>();
    Map<String, Map<Double, Double>> bestScore = new LinkedHashMap<>();
    for (RunGroup config : RunGrouping.group(runs, configKeys)) {
      Optional<MeanWithError> score = config.finalStats(selectMetric);
      if (score.isEmpty() || config.finalStats(metric).isEmpty()) {
        continue;
      }
      String series = seriesLabel(config, seriesKeys);
      double x = xOf(config.runs().get(0), xKey);
      double s = score.get().mean();
      Double current = bestScore.computeIfAbsent(series, k -> new LinkedHashMap<>()).get(x);
      if (current == null || (lowerIsBetter ? s < current : s > current)) {
        bestScore.get(series).put(x, s);
        best.computeIfAbsent(series, k -> new LinkedHashMap<>()).put(x, config);
      }
    }
    List<Point> points = new ArrayList<>();
    best.forEach(
        (series, byX) ->
            byX.forEach(
                (x, config) -> points.add(new Point(series, x, config, config.finalStats(metric).orElseThrow()))));
    if (points.isEmpty()) {
      throw new IllegalArgumentException(
          "--plot batch-size: no finished run reports both '" + metric + "' and '" + selectMetric + "'");
    }
    return points;
  }

  /** The chart of the chosen points. */
  public static JFreeChart chart(List<Point> points, String xKey, String metric) {
    Map<String, YIntervalSeries> lines = new LinkedHashMap<>();
    for (Point p : points) {
      YIntervalSeries series = lines.computeIfAbsent(p.series(), YIntervalSeries::new);
      double se = p.value().hasError() ? p.value().standardError() : 0;
      series.add(p.x(), p.value().mean(), p.value().mean() - se, p.value().mean() + se);
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    lines.values().forEach(data::addSeries);

    LogAxis x = new LogAxis(xKey + " (log scale)");
    x.setBase(2);
    x.setTickUnit(new NumberTickUnit(1)); // one tick per power of two
    x.setNumberFormatOverride(new DecimalFormat("0"));
    x.setSmallestValue(1);
    NumberAxis y = new NumberAxis(metric);
    y.setAutoRangeIncludesZero(false);
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDefaultLinesVisible(true);
    renderer.setDrawXError(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return new JFreeChart(metric + " vs " + xKey, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  private static String seriesLabel(RunGroup config, List<String> seriesKeys) {
    if (seriesKeys.isEmpty()) {
      return "all runs";
    }
    return seriesKeys.stream()
        .map(k -> k + "=" + config.key().getOrDefault(k, RunGrouping.ABSENT))
        .collect(Collectors.joining(", "));
  }

  private static double xOf(RunRecord run, String xKey) {
    String text = run.config().get(xKey);
    if (text == null) {
      throw new IllegalArgumentException(
          "--plot batch-size: " + run.directory() + " has no config key '" + xKey + "'");
    }
    try {
      double x = Double.parseDouble(text);
      if (x > 0) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--plot batch-size: " + run.directory() + ": '" + xKey + "' must be a positive number, got " + text);
  }
}
