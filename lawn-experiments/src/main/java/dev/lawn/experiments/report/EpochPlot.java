package dev.lawn.experiments.report;

import dev.lawn.train.MetricsRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A metric against epochs from {@code metrics.jsonl}, one line per run group (the mean over its
 * seeds at each epoch), as in the paper's Figure 1: a top panel with the metric and, when runs
 * log it, a bottom panel with {@value #MARGIN_KEY} on its own axis. Dashed vertical lines mark the
 * epochs where LAWN switched to its constrained phase.
 */
public final class EpochPlot {

  /** Median training margin, the paper's Figure 1 second curve. */
  public static final String MARGIN_KEY = "margin_p50";

  private static final String EPOCH_KEY = "epoch";
  /** Below this many epochs a line also shows its points. */
  private static final int FEW_POINTS = 25;

  private EpochPlot() {}

  /** Builds the chart; fails when no run logs {@code metric}. */
  public static JFreeChart chart(List<RunGroup> groups, String metric) {
    XYSeriesCollection metricLines = lines(groups, metric);
    if (metricLines.getSeriesCount() == 0) {
      throw new IllegalArgumentException(
          "--plot epoch: no metrics.jsonl row has both '" + EPOCH_KEY + "' and '" + metric + "'");
    }
    XYSeriesCollection marginLines = lines(groups, MARGIN_KEY);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis(EPOCH_KEY));
    XYPlot top = panel(metricLines, metric, true);
    plot.add(top, 2);
    if (marginLines.getSeriesCount() > 0) {
      XYPlot bottom = panel(marginLines, MARGIN_KEY, false);
      // One colour per group in both panels, even when some group logs no margins.
      for (int i = 0; i < marginLines.getSeriesCount(); i++) {
        int inTop = metricLines.indexOf(marginLines.getSeriesKey(i));
        if (inTop >= 0) {
          Paint paint = ((AbstractRenderer) top.getRenderer()).lookupSeriesPaint(inTop);
          bottom.getRenderer().setSeriesPaint(i, paint);
        }
      }
      plot.add(bottom, 1);
    }
    for (double epoch : switchEpochs(groups)) {
      boolean first = true;
      for (Object sub : plot.getSubplots()) {
        ValueMarker marker = new ValueMarker(epoch);
        marker.setPaint(Color.DARK_GRAY);
        marker.setStroke(
            new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        if (first) { // labelled once, in the top panel
          marker.setLabel(switchLabel(epoch));
          marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
          marker.setLabelPaint(Color.DARK_GRAY);
          marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
          marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
          first = false;
        }
        ((XYPlot) sub).addDomainMarker(marker);
      }
    }
    return new JFreeChart(metric + " vs epoch", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  /** The dashed line's label: LAWN's constrained phase starts after this epoch. */
  static String switchLabel(double epoch) {
    String e = epoch == Math.rint(epoch) ? Long.toString((long) epoch) : Double.toString(epoch);
    return "LAWN switch (after epoch " + e + ")";
  }

  private static XYPlot panel(XYSeriesCollection data, String label, boolean inLegend) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    axis.setAutoRangeMinimumSize(0.01); // a run of one epoch has a single value: no axis of identical ticks
    boolean fewPoints = false;
    for (int i = 0; i < data.getSeriesCount(); i++) {
      fewPoints |= data.getItemCount(i) < FEW_POINTS;
    }
    // Short runs draw their points: a one-epoch line would be invisible.
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, fewPoints);
    XYPlot panel = new XYPlot(data, null, axis, renderer);
    panel.setBackgroundPaint(Color.WHITE);
    panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
    panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
    // Only the top panel's series feed the legend; the bottom panel repeats the same groups.
    if (!inLegend) {
      renderer.setDefaultSeriesVisibleInLegend(false);
    }
    return panel;
  }

  /** One series per group with at least one point: the mean over runs at each epoch. */
  static XYSeriesCollection lines(List<RunGroup> groups, String key) {
    XYSeriesCollection collection = new XYSeriesCollection();
    for (RunGroup group : groups) {
      TreeMap<Double, List<Double>> byEpoch = new TreeMap<>();
      for (RunRecord run : group.runs()) {
        lastValueByEpoch(run, key).forEach(
            (epoch, value) -> byEpoch.computeIfAbsent(epoch, e -> new ArrayList<>()).add(value));
      }
      if (byEpoch.isEmpty()) {
        continue;
      }
      XYSeries series = new XYSeries(group.label(), true, false);
      byEpoch.forEach(
          (epoch, values) ->
              series.add(
                  epoch.doubleValue(),
                  values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
      collection.addSeries(series);
    }
    return collection;
  }

  /** A run may evaluate more than once per epoch: its last evaluation stands for the epoch. */
  private static Map<Double, Double> lastValueByEpoch(RunRecord run, String key) {
    Map<Double, Double> values = new LinkedHashMap<>();
    for (MetricsRow row : run.history()) {
      OptionalDouble epoch = row.value(EPOCH_KEY);
      OptionalDouble value = row.value(key);
      if (epoch.isPresent() && value.isPresent() && Double.isFinite(value.getAsDouble())) {
        values.put(epoch.getAsDouble(), value.getAsDouble());
      }
    }
    return values;
  }

  /** Switch epochs from summary.json, else the first constrained row of metrics.jsonl. */
  static Set<Double> switchEpochs(List<RunGroup> groups) {
    Set<Double> epochs = new TreeSet<>();
    for (RunGroup group : groups) {
      for (RunRecord run : group.runs()) {
        OptionalDouble fromSummary = run.finalValue("switch_epoch");
        if (fromSummary.isPresent()) {
          if (fromSummary.getAsDouble() >= 0) {
            epochs.add(fromSummary.getAsDouble());
          }
          continue;
        }
        run.history().stream()
            .filter(row -> "constrained".equals(row.phase()) && row.value(EPOCH_KEY).isPresent())
            .findFirst()
            .ifPresent(row -> epochs.add(row.value(EPOCH_KEY).getAsDouble()));
      }
    }
    return epochs;
  }
}
