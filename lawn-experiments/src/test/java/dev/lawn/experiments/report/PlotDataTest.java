package dev.lawn.experiments.report;

import static dev.lawn.experiments.report.RunFixtures.map;
import static dev.lawn.experiments.report.RunFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.MetricsRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** The numbers behind the plots. */
class PlotDataTest {

  private static RunRecord run(String name, Map<String, String> config, Map<String, Double> finals, List<MetricsRow> rows) {
    return new RunRecord(Path.of(name), config, finals, rows);
  }

  private static MetricsRow evaluation(double epoch, String phase, double hr, Double margin) {
    return margin == null
        ? MetricsRow.of(Map.of("epoch", epoch, "hr@10", hr), phase)
        : MetricsRow.of(Map.of("epoch", epoch, "hr@10", hr, "margin_p50", margin), phase);
  }

  @Test
  void epochLinesAverageSeedsAndKeepTheLastEvaluationOfAnEpoch() {
    RunRecord a = run("a", Map.of("optimizer", "adam", "seed", "1"), Map.of(),
        List.of(evaluation(1, "free", 0.2, 1.0), evaluation(1, "free", 0.3, 1.0), evaluation(2, "constrained", 0.5, 2.0)));
    RunRecord b = run("b", Map.of("optimizer", "adam", "seed", "2"), Map.of(),
        List.of(evaluation(1, "free", 0.5, null), evaluation(2, "constrained", 0.7, null)));
    List<RunGroup> groups = RunGrouping.group(List.of(a, b), List.of("optimizer"));
    XYSeriesCollection lines = EpochPlot.lines(groups, "hr@10");
    assertEquals(1, lines.getSeriesCount());
    XYSeries adam = lines.getSeries(0);
    assertEquals("optimizer=adam", adam.getKey());
    assertEquals(0.4, adam.getY(0).doubleValue(), 1e-12, "epoch 1: (0.3 + 0.5) / 2, 0.2 superseded");
    assertEquals(0.6, adam.getY(1).doubleValue(), 1e-12);
    XYSeries margin = EpochPlot.lines(groups, "margin_p50").getSeries(0);
    assertEquals(2.0, margin.getY(1).doubleValue(), 1e-12, "only run a logs margins");
    assertEquals(Set.of(2.0), EpochPlot.switchEpochs(groups), "from the first constrained row");
  }

  @Test
  void batchSizePointsPickTheBestConfigurationBySelectionMetric() {
    // At bs 256 lr 0.01 wins on validation (0.8 > 0.7) although its test value is lower.
    List<RunRecord> runs = List.of(
        run("1", Map.of("optimizer", "adam", "batch_size", "256", "lr", "0.001"), Map.of("val_hr@10", 0.7, "hr@10", 0.75), List.of()),
        run("2", Map.of("optimizer", "adam", "batch_size", "256", "lr", "0.01"), Map.of("val_hr@10", 0.8, "hr@10", 0.72), List.of()),
        run("3", Map.of("optimizer", "adam", "batch_size", "1024", "lr", "0.001"), Map.of("val_hr@10", 0.6, "hr@10", 0.66), List.of()),
        run("4", Map.of("optimizer", "sgd", "batch_size", "256", "lr", "0.001"), Map.of("val_hr@10", 0.5, "hr@10", 0.55), List.of()));
    List<BatchSizePlot.Point> points =
        BatchSizePlot.points(runs, "batch_size", List.of("optimizer"), "hr@10", "val_hr@10", false, RunGrouping.DEFAULT_IGNORED);
    assertEquals(3, points.size());
    BatchSizePlot.Point adam256 = points.stream()
        .filter(p -> p.series().equals("optimizer=adam") && p.x() == 256).findFirst().orElseThrow();
    assertEquals(0.72, adam256.value().mean(), 1e-12);
    assertEquals("0.01", adam256.chosen().key().get("lr"));
    // Lower-is-better flips the choice.
    List<BatchSizePlot.Point> lowest =
        BatchSizePlot.points(runs, "batch_size", List.of("optimizer"), "hr@10", "val_hr@10", true, RunGrouping.DEFAULT_IGNORED);
    assertEquals("0.001", lowest.stream().filter(p -> p.series().equals("optimizer=adam") && p.x() == 256)
        .findFirst().orElseThrow().chosen().key().get("lr"));
  }

  @Test
  void batchSizeMustBeAPositiveNumber() {
    List<RunRecord> runs = List.of(run("x", Map.of("optimizer", "adam", "batch_size", "big"), Map.of("hr@10", 0.5), List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchSizePlot.points(runs, "batch_size", List.of("optimizer"), "hr@10", "hr@10", false, Set.of()));
    assertTrue(e.getMessage().contains("'batch_size' must be a positive number, got big"), e.getMessage());
  }

  @Test
  void epochPlotWithoutTheMetricFails() {
    RunRecord a = run("a", Map.of(), Map.of(), List.of(evaluation(1, "free", 0.2, null)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EpochPlot.chart(RunGrouping.group(List.of(a), List.of()), "accuracy"));
    assertTrue(e.getMessage().contains("'accuracy'"), e.getMessage());
  }

  @Test
  void fixturesRoundTripThroughTheReader(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
    Path dir = RunFixtures.finishedRun(temp.resolve("r"), map("model", map("name", "ncf"), "lr", 1e-3),
        map("hr@10", 0.5, "switch_epoch", 3), List.of(row(1, "free", "hr@10", 0.25)));
    RunRecord record = RunRecord.read(dir);
    assertEquals(Map.of("model.name", "ncf", "lr", "0.001"), record.config());
    assertEquals(0.5, record.finalValue("hr@10").getAsDouble());
    assertEquals("free", record.history().get(0).phase());
    assertEquals(0.25, record.history().get(0).value("hr@10").getAsDouble());
  }

  @Test
  void oneRunLegendNamesTheRunAndTheSwitchLineIsLabelled(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
    Path dir = RunFixtures.finishedRun(temp.resolve("ml-run"), map("optimizer", "adam-lawn", "seed", 1),
        map("hr@10", 0.47, "switch_epoch", 1),
        List.of(row(1, "free", "hr@10", 0.41), row(2, "constrained", "hr@10", 0.44), row(3, "constrained", "hr@10", 0.47)));
    JFreeChart chart = EpochPlot.chart(RunGrouping.group(List.of(RunRecord.read(dir)), List.of()), "hr@10");
    XYPlot top = (XYPlot) ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(0);
    assertEquals("ml-run", top.getDataset().getSeriesKey(0));
    ValueMarker marker = (ValueMarker) top.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next();
    assertEquals(1.0, marker.getValue());
    assertEquals("LAWN switch (after epoch 1)", marker.getLabel());
  }
}
