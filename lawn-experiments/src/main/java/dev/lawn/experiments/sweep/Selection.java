package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.MetricNames;

/**
 * How a sweep picks its best grid point: the mean over seeds of a validation metric, maximized or
 * minimized; the chosen point is then reported on its test metric.
 *
 * @param metric the selection metric from summary.json, e.g. {@code val_hr@10}
 * @param maximize true for {@code mode: max}
 * @param reportMetric the metric reported for the chosen point, e.g. {@code hr@10}
 */
public record Selection(String metric, boolean maximize, String reportMetric) {

  /** Validates the names. */
  public Selection {
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("select.metric must name a summary.json metric");
    }
    if (reportMetric == null || reportMetric.isBlank()) {
      reportMetric = MetricNames.testCounterpart(metric);
    }
  }
}
