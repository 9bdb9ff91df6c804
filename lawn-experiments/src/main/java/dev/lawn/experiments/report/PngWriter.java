package dev.lawn.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Writes charts as PNG files, headless. */
public final class PngWriter {

  static {
    // Off-screen rendering needs no display; must be set before AWT initializes.
    System.setProperty("java.awt.headless", "true");
  }

  private PngWriter() {}

  /** Renders {@code chart} at {@code width x height} pixels into {@code file}. */
  public static void write(JFreeChart chart, Path file, int width, int height) throws IOException {
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException(
          "plot size must be at least 100x100 pixels, got " + width + "x" + height);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
  }
}
