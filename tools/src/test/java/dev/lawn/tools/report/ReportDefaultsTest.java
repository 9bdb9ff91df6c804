package dev.lawn.tools.report;

import static dev.lawn.experiments.report.RunFixtures.map;
import static dev.lawn.experiments.report.RunFixtures.row;
import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.experiments.report.RunFixtures;
import dev.lawn.tools.LawnRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lawn report RUN} on one run as {@code lawn train} writes it (summary.json with its
 * bookkeeping: parameters, best_epoch, rates), for a recommender and for a classifier: the default
 * table holds the primary metrics and margin_p50, {@code --plot epoch} needs no {@code --metric}.
 */
class ReportDefaultsTest {

  @TempDir Path temp;

  /** A MovieLens run: 3 epochs, LAWN switch after epoch 1, values as lawn train writes them. */
  private Path movieLensRun() throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int epoch = 1; epoch <= 3; epoch++) {
      rows.add(row(epoch, epoch > 1 ? "constrained" : "free", "loss", 0.5 / epoch, "lr", 0.001,
          "margin_p10", -0.2, "margin_p50", 0.5 * epoch, "margin_p90", 3.0, "hr@10", 0.38 + 0.03 * epoch,
          "ndcg@10", 0.21 + 0.02 * epoch, "norm/prediction", 1.5));
    }
    Map<String, Object> finals = map("epoch", 3, "step", 1452, "loss", 0.34, "lr", 1.0e-6, "margin_p10", -0.2,
        "margin_p50", 1.5, "margin_p90", 3.0, "phase", "constrained", "hr@10", 0.47, "ndcg@10", 0.27,
        "wall_seconds", 8.6, "train_samples_per_second", 368000.0, "switch_epoch", 1, "switch_reason", "e-free 1",
        "best_epoch", 3, "best_hr@10", 0.47, "parameters", 86753, "lawn_kernels", "fused-cpu");
    return RunFixtures.finishedRun(temp.resolve("ml-run"),
        map("model", "ncf-mlp", "data", "movielens-100k", "optimizer", "adam-lawn", "seed", 1), finals, rows);
  }

  /** A Fashion-MNIST run without LAWN (no switch). */
  private Path imageRun() throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int epoch = 1; epoch <= 2; epoch++) {
      rows.add(row(epoch, "free", "loss", 0.6 / epoch, "lr", 0.001, "margin_p50", 1.0 * epoch,
          "accuracy", 0.80 + 0.03 * epoch, "ece", 0.05 / epoch));
    }
    Map<String, Object> finals = map("epoch", 2, "accuracy", 0.86, "ece", 0.025, "margin_p50", 2.0,
        "wall_seconds", 20.0, "switch_epoch", null, "best_epoch", 2, "best_accuracy", 0.86, "parameters", 235146);
    return RunFixtures.finishedRun(temp.resolve("fmnist-run"),
        map("model", "mlp", "data", "fashion-mnist", "optimizer", "adam", "seed", 1), finals, rows);
  }

  @Test
  void movieLensRunPlotsWithoutMetricAndTabulatesThePrimaryMetrics() throws IOException {
    Path run = movieLensRun();
    LawnRun result = lawn("report", run.toString(), "--plot", "epoch").ok();
    assertTrue(result.out().contains("| hr@10 | ndcg@10 | margin_p50 |"), result.out());
    assertTrue(result.out().contains("| 0.4700 (n=1, no SE) | 0.2700 (n=1, no SE) | 1.5000 (n=1, no SE) |"),
        result.out());
    for (String bookkeeping : List.of("parameters", "best_epoch", "wall_seconds", "train_samples_per_second")) {
      assertFalse(result.out().contains("| " + bookkeeping) || result.out().contains(bookkeeping + " |"),
          bookkeeping + " is not a default column: " + result.out());
    }
    assertNotNull(ImageIO.read(run.resolve("report/epoch.png").toFile()));
    assertTrue(result.err().contains("wrote " + run.resolve("report/epoch.png")), result.err());
  }

  @Test
  void imageRunPlotsWithoutMetricAndTabulatesAccuracyAndEce() throws IOException {
    Path run = imageRun();
    Path out = temp.resolve("report");
    LawnRun result = lawn("report", run.toString(), "--plot", "epoch", "--out", out.toString()).ok();
    assertTrue(result.out().contains("| accuracy | ece | margin_p50 |"), result.out());
    assertFalse(result.out().contains("parameters"), result.out());
    assertNotNull(ImageIO.read(out.resolve("epoch.png").toFile()));
  }

  @Test
  void bookkeepingOnRequestWithIntegersAsIntegers() throws IOException {
    Path run = movieLensRun();
    LawnRun result = lawn("report", run.toString(), "--all-metrics").ok();
    String header = result.out().lines().filter(l -> l.startsWith("| runs | hr@10 | ndcg@10 | margin_p50 |"))
        .findFirst().orElseThrow(() -> new AssertionError(result.out()));
    List<String> columns = cells(header);
    String values = result.out().lines().dropWhile(l -> !l.equals(header)).skip(2).findFirst().orElseThrow();
    List<String> cells = cells(values);
    assertEquals("86753 (n=1, no SE)", cells.get(columns.indexOf("parameters")), values);
    assertEquals("3 (n=1, no SE)", cells.get(columns.indexOf("best_epoch")), values);
    assertEquals("8.6000 (n=1, no SE)", cells.get(columns.indexOf("wall_seconds")), values);
    assertEquals("1.000e-06 (n=1, no SE)", cells.get(columns.indexOf("lr")), values);
  }

  /** The cells of a Markdown table line. */
  private static List<String> cells(String line) {
    return java.util.Arrays.stream(line.strip().substring(1, line.strip().length() - 1).split("\\|"))
        .map(String::strip).toList();
  }
}
