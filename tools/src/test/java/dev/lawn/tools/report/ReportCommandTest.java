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
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lawn report} end to end on synthetic run directories; expected numbers worked by hand. */
class ReportCommandTest {

  @TempDir Path temp;
  private Path runs;

  /**
   * adam/256: hr@10 0.70, 0.72, 0.74 (mean 0.72, SE 0.02/sqrt 3 = 0.011547);
   * adam/4096: 0.68, 0.70 (mean 0.69, s = 0.014142, SE = 0.01); sgd/256: 0.65 (n=1);
   * sgd/4096: 0.60 (n=1).
   */
  @BeforeEach
  void writeRuns() throws IOException {
    runs = temp.resolve("runs");
    double[][] adam256 = {{0.70, 0.40, 0.75}, {0.72, 0.41, 0.76}, {0.74, 0.42, 0.77}};
    for (int s = 0; s < adam256.length; s++) {
      run("adam", 256, s + 1, adam256[s], 3);
    }
    run("adam", 4096, 1, new double[] {0.68, 0.38, 0.71}, 3);
    run("adam", 4096, 2, new double[] {0.70, 0.39, 0.72}, 3);
    run("sgd", 256, 1, new double[] {0.65, 0.35, 0.66}, -1);
    run("sgd", 4096, 1, new double[] {0.60, 0.30, 0.62}, -1);
  }

  private void run(String optimizer, int batchSize, int seed, double[] finals, int switchEpoch)
      throws IOException {
    Map<String, Object> config =
        map("model", "ncf", "data", "ml-100k", "optimizer", optimizer, "batch_size", batchSize,
            "lr", 0.001, "seed", seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int epoch = 1; epoch <= 5; epoch++) {
      String phase = switchEpoch > 0 && epoch >= switchEpoch ? "constrained" : "free";
      rows.add(row(epoch, phase, "loss", 1.0 / epoch, "lr", 0.001, "margin_p50", epoch * 0.5,
          "hr@10", finals[0] * epoch / 5));
    }
    RunFixtures.finishedRun(
        runs.resolve(optimizer + "-bs" + batchSize + "-s" + seed),
        config,
        map("hr@10", finals[0], "ndcg@10", finals[1], "val_hr@10", finals[2],
            "wall_seconds", 12.5, "train_samples_per_second", 1000.0, "switch_epoch", switchEpoch),
        rows);
  }

  @Test
  void selectedKeepsOnlyTheSweepsChosenPoint() throws IOException {
    // Mark the runs' folder as a sweep that chose batch_size 4096 for adam (sgd runs have no match).
    Files.writeString(runs.resolve("sweep-summary.json"),
        "{\"selection\": {\"metric\": \"val_hr@10\", \"best_point\": {\"batch_size\": 4096, \"optimizer\": \"adam\"}}}");
    LawnRun result = lawn("report", runs.toString(), "--selected", "--metric", "hr@10").ok();
    assertTrue(result.out().contains("0.6900 ± 0.0100 (n=2)"), result.out());
    assertFalse(result.out().contains("0.7200"), "runs of other grid points are left out: " + result.out());
    assertTrue(result.out().contains("over 7 finished runs (tuning runs included)"), result.out());
  }

  @Test
  void tableHasMeanAndStandardErrorPerConfiguration() throws IOException {
    Path out = temp.resolve("report");
    LawnRun result = lawn("report", runs.toString(), "--out", out.toString()).ok();

    String md = Files.readString(out.resolve("report.md"));
    assertEquals(md, result.out(), "stdout carries the same Markdown");
    assertTrue(md.contains("| batch_size | optimizer | hr@10 | ndcg@10 | val_hr@10 |"), md);
    assertTrue(md.contains("| 256 | adam | 0.7200 ± 0.0115 (n=3) | 0.4100 ± 0.0058 (n=3) | 0.7600 ± 0.0058 (n=3) |"), md);
    assertTrue(md.contains("| 256 | sgd | 0.6500 (n=1, no SE) |"), md);
    assertTrue(md.contains("| 4096 | adam | 0.6900 ± 0.0100 (n=2) |"), md);
    assertTrue(md.contains("`data=ml-100k`") && md.contains("`lr=0.001`"), "common config is listed: " + md);
    assertFalse(md.contains("wall_seconds |"), "bookkeeping values are not metric columns");
    // Rows sorted numerically: 256 before 4096.
    assertTrue(md.indexOf("| 256 | adam") < md.indexOf("| 4096 | adam"));

    List<String> csv = Files.readAllLines(out.resolve("report.csv"));
    assertEquals("batch_size,optimizer,metric,n,mean,se", csv.get(0));
    String[] adamHr = csv.stream().filter(l -> l.startsWith("256,adam,hr@10,")).findFirst().orElseThrow().split(",", -1);
    assertEquals("3", adamHr[3]);
    assertEquals(0.72, Double.parseDouble(adamHr[4]), 1e-12);
    assertEquals(0.02 / Math.sqrt(3), Double.parseDouble(adamHr[5]), 1e-12);
    String[] sgdHr = csv.stream().filter(l -> l.startsWith("256,sgd,hr@10,")).findFirst().orElseThrow().split(",", -1);
    assertEquals("1", sgdHr[3]);
    assertEquals("", sgdHr[5], "no SE for n=1");
    assertEquals(1 + 4 * 3, csv.size(), "one line per group and metric");
  }

  @Test
  void differenceAddsARowPerTableAndABadSideFailsOnOneLine() {
    LawnRun run = lawn("report", runs.toString(), "--rows", "optimizer", "--cols", "batch_size", "--metric", "hr@10",
        "--difference", "adam:sgd").ok();
    // 256: 0.72 ± 0.011547 - 0.65 (one run); 4096: 0.69 ± 0.01 - 0.60 (one run): no SE on either.
    assertTrue(run.out().contains("| adam − sgd | +0.0700 (n=3 vs 1, no SE) | +0.0900 (n=2 vs 1, no SE) |"), run.out());
    String line = lawn("report", runs.toString(), "--rows", "optimizer", "--difference", "adam:lamb").failureLine();
    assertTrue(line.startsWith("lawn report: --difference adam:lamb: 'lamb' matches no row of the table"), line);
  }

  @Test
  void pivotTableWithChosenRowsColumnsAndMetric() {
    LawnRun result =
        lawn("report", runs.toString(), "--rows", "optimizer", "--cols", "batch_size", "--metric", "hr@10").ok();
    String md = result.out();
    assertTrue(md.contains("## hr@10"), md);
    assertTrue(md.contains("| optimizer | batch_size=256 | batch_size=4096 |"), md);
    assertTrue(md.contains("| adam | 0.7200 ± 0.0115 (n=3) | 0.6900 ± 0.0100 (n=2) |"), md);
    assertTrue(md.contains("| sgd | 0.6500 (n=1, no SE) | 0.6000 (n=1, no SE) |"), md);
    assertFalse(md.contains("Note: cells pool"), "nothing else varies");
  }

  @Test
  void rowsThatPoolOtherKeysSayWhich() {
    LawnRun result = lawn("report", runs.toString(), "--rows", "optimizer", "--metric", "hr@10").ok();
    assertTrue(result.out().contains("Note: cells pool runs that differ in batch_size."), result.out());
    // adam pools 0.70, 0.72, 0.74, 0.68, 0.70: mean 0.708.
    assertTrue(result.out().contains("| adam | 0.7080 ±"), result.out());
    assertTrue(result.out().contains("(n=5)"), result.out());
  }

  @Test
  void unfinishedRunIsIgnoredAndReported() throws IOException {
    Path unfinished = RunFixtures.unfinishedRun(runs.resolve("lamb-bs256-s1"), List.of(row(1, "free", "hr@10", 0.3)));
    LawnRun result = lawn("report", runs.toString(), "--metric", "hr@10").ok();
    assertEquals(
        List.of("lawn report: ignoring unfinished run (no summary.json): " + unfinished), result.errLines());
    assertFalse(result.out().contains("| lamb"), "no row for the unfinished run");
    assertTrue(result.out().contains("- " + unfinished), "listed in the report: " + result.out());
  }

  @Test
  void malformedMetricsLineIsOneLineErrorNamingFileAndLine() throws IOException {
    Path metrics = runs.resolve("adam-bs256-s2").resolve("metrics.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
    lines.set(1, "{\"epoch\": 2, \"loss\": 0.5,");
    Files.write(metrics, lines);
    LawnRun result = lawn("report", runs.toString());
    assertEquals(1, result.code());
    assertEquals(1, result.errLines().size(), result.err());
    assertTrue(result.err().startsWith("lawn report: " + metrics + ":2: malformed JSON"), result.err());
  }

  @Test
  void malformedSummaryIsOneLineErrorNamingFileAndLine() throws IOException {
    Path summary = runs.resolve("sgd-bs256-s1").resolve("summary.json");
    Files.writeString(summary, "{\n  \"hr@10\": 0.65,\n  \"config\": {\"optimizer\": sgd}\n}\n");
    LawnRun result = lawn("report", runs.toString());
    assertEquals(1, result.code());
    assertEquals(1, result.errLines().size(), result.err());
    assertTrue(result.err().startsWith("lawn report: " + summary + ":3: malformed JSON"), result.err());
  }

  @Test
  void plotsArePngsOfTheRequestedSize() throws IOException {
    Path out = temp.resolve("plots");
    LawnRun result =
        lawn("report", runs.toString(), "--out", out.toString(), "--metric", "hr@10",
            "--plot", "epoch,batch-size", "--select", "val_hr@10", "--width", "640", "--height", "480").ok();
    for (String name : List.of("epoch.png", "batch-size.png")) {
      BufferedImage image = ImageIO.read(out.resolve(name).toFile());
      assertNotNull(image, name + " decodes");
      assertEquals(640, image.getWidth(), name);
      assertEquals(480, image.getHeight(), name);
    }
    assertTrue(result.err().contains("batch-size plot: optimizer=adam, batch_size=4096: 0.6900 ± 0.0100 (n=2)\n"),
        result.err());
  }

  @Test
  void userErrorsAreOneLineAndNameTheOption() {
    LawnRun unknownKey = lawn("report", runs.toString(), "--rows", "optimiser");
    assertEquals(1, unknownKey.code());
    assertEquals(1, unknownKey.errLines().size(), unknownKey.err());
    assertTrue(unknownKey.err().contains("--rows: no run has config key 'optimiser'"), unknownKey.err());

    LawnRun unknownMetric = lawn("report", runs.toString(), "--metric", "hr@5");
    assertEquals(1, unknownMetric.code());
    assertTrue(unknownMetric.err().contains("--metric: no finished run reports 'hr@5'"), unknownMetric.err());

    LawnRun badPlot = lawn("report", runs.toString(), "--out", temp.toString(), "--plot", "loss");
    assertEquals(2, badPlot.code());
    assertEquals(1, badPlot.errLines().size(), badPlot.err());
    assertTrue(badPlot.err().contains("--plot"), badPlot.err());

    LawnRun plotWithoutOut = lawn("report", runs.toString(), runs.toString(), "--plot", "epoch");
    assertEquals(1, plotWithoutOut.code());
    assertTrue(plotWithoutOut.err().contains("--plot with several DIRs needs --out"), plotWithoutOut.err());

    LawnRun missingDir = lawn("report", temp.resolve("nope").toString());
    assertEquals(1, missingDir.code());
    assertEquals(List.of("lawn report: no such run directory: " + temp.resolve("nope")), missingDir.errLines());
  }

  @Test
  void noFinishedRunIsAnError() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    LawnRun result = lawn("report", empty.toString());
    assertEquals(1, result.code());
    assertTrue(result.err().contains("no finished run"), result.err());
    assertEquals(1, result.errLines().size(), Arrays.toString(result.errLines().toArray()));
  }
}
