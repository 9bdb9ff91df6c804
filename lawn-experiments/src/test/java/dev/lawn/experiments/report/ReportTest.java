package dev.lawn.experiments.report;

import static dev.lawn.experiments.report.RunFixtures.map;
import static dev.lawn.experiments.report.RunFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Report} from a Java program, without the command line. */
class ReportTest {

  @TempDir Path temp;

  /** adam: hr@10 0.70 and 0.72 over two seeds; sgd: 0.60, one seed; one unfinished run. */
  private Path runs() throws Exception {
    Path runs = temp.resolve("runs");
    double[][] values = {{0.70, 1}, {0.72, 2}};
    for (double[] v : values) {
      RunFixtures.finishedRun(runs.resolve("adam-s" + (int) v[1]), map("optimizer", "adam", "seed", (int) v[1]),
          map("hr@10", v[0], "wall_seconds", 10.0), List.of(row(1, "free", "hr@10", v[0] - 0.1), row(2, "free", "hr@10", v[0])));
    }
    RunFixtures.finishedRun(runs.resolve("sgd-s1"), map("optimizer", "sgd", "seed", 1),
        map("hr@10", 0.60, "wall_seconds", 20.0), List.of(row(1, "free", "hr@10", 0.6)));
    RunFixtures.unfinishedRun(runs.resolve("lamb-s1"), List.of(row(1, "free", "hr@10", 0.3)));
    return runs;
  }

  @Test
  void tablesGroupSeedsOfOneConfiguration() throws Exception {
    Report report = Report.of(List.of(runs()));
    assertEquals(List.of(temp.resolve("runs").resolve("lamb-s1")), report.unfinished());
    Report.Tables tables = report.tables();
    String md = tables.markdown();
    assertTrue(md.contains("| optimizer | hr@10 |"), md);
    assertTrue(md.contains("| adam | 0.7100 ± 0.0100 (n=2) |"), md);
    assertTrue(md.contains("| sgd | 0.6000 (n=1, no SE) |"), md);
    assertTrue(md.contains("Run time behind this report: 40 s (0.01 h) of wall-clock over 3 finished runs."), md);
    assertTrue(tables.csv().startsWith("optimizer,metric,n,mean,se\nadam,hr@10,2,0.71"), tables.csv());

    tables.write(temp.resolve("out"));
    assertEquals(md, Files.readString(temp.resolve("out").resolve(Report.MARKDOWN_FILE)));
    Path png = report.writePlot(PlotKind.EPOCH, temp.resolve("out").resolve("epoch.png"), 300, 200);
    assertEquals(300, ImageIO.read(png.toFile()).getWidth());
  }

  @Test
  void settingsAreCheckedAgainstTheRuns() throws Exception {
    Report report = Report.of(List.of(runs()));
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> report.rows(List.of("optimiser")).tables());
    assertTrue(rows.getMessage().startsWith("--rows: no run has config key 'optimiser'"), rows.getMessage());
    IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
        () -> report.rows(null).metrics(List.of("accuracy")).tables());
    assertTrue(metric.getMessage().contains("no finished run reports 'accuracy'"), metric.getMessage());
  }

  /** config.json records LAWN's settings for every run; under a plain optimizer the report shows them inert. */
  @Test
  void lawnSettingsOfAPlainOptimizerShowAsInertAndDoNotSplitItsRows() throws Exception {
    Path runs = temp.resolve("lawn-keys");
    RunFixtures.finishedRun(runs.resolve("adam-a"), map("optimizer", "adam", "groups", "per-layer", "alpha", 1, "e_free", "5"),
        map("ece", 0.09), List.of());
    RunFixtures.finishedRun(runs.resolve("adam-b"), map("optimizer", "adam", "groups", "with-bn", "alpha", 1, "e_free", "2"),
        map("ece", 0.11), List.of());
    RunFixtures.finishedRun(runs.resolve("lawn"),
        map("optimizer", "adam-lawn", "groups", "with-bn-scales", "alpha", 0.3, "e_free", "5"), map("ece", 0.03), List.of());
    String md = Report.of(List.of(runs)).rows(List.of("optimizer", "groups", "alpha", "e_free")).tables().markdown();
    assertTrue(md.contains("| adam | - | - | - | 0.1000 ± 0.0100 (n=2) |"), md);
    assertTrue(md.contains("| adam-lawn | with-bn-scales | 0.3 | 5 | 0.0300 (n=1, no SE) |"), md);
    List<RunRecord> records = List.of(RunRecord.read(runs.resolve("adam-a")), RunRecord.read(runs.resolve("lawn")));
    List<String> labels = RunGrouping.group(records, List.of("optimizer", "groups", "alpha")).stream()
        .map(RunGroup::label).toList();
    assertEquals(List.of("optimizer=adam", "optimizer=adam-lawn, groups=with-bn-scales, alpha=0.3"), labels,
        "plot legends leave out what a run does not read");
    String byOptimizer = Report.of(List.of(runs)).rows(List.of("optimizer")).tables().markdown();
    assertFalse(byOptimizer.contains("Note: cells pool"),
        "groups, alpha and e_free differ between the cells, not within one (adam's are inert): " + byOptimizer);
    assertEquals(Map.of("model", "mine"), RunRecord.withInertLawnSettings(Map.of("model", "mine")),
        "a configuration without an optimizer (a Fit of one's own) is left as it is");
  }

  /** A run written before config.json had train_size (a later key) pools with one that records its default. */
  @Test
  void aKeyAddedLaterReadsAsItsDefaultNotAsADifference() throws Exception {
    Path runs = temp.resolve("later-keys");
    RunFixtures.finishedRun(runs.resolve("old"), map("model", "ncf-mlp", "data", "movielens-100k", "optimizer", "adam", "lr", 0.001),
        map("hr@10", 0.62), List.of());
    RunFixtures.finishedRun(runs.resolve("new"), map("model", "ncf-mlp", "data", "movielens-100k", "optimizer", "adam", "lr", 0.001,
        "train_size", 0, "image_size", null, "augmentation", "crop-flip"), map("hr@10", 0.64), List.of());
    RunFixtures.finishedRun(runs.resolve("subset"), map("model", "ncf-mlp", "data", "movielens-100k", "optimizer", "adam", "lr", 0.001,
        "train_size", 500), map("hr@10", 0.5), List.of());
    String md = Report.of(List.of(runs)).rows(List.of("optimizer", "train_size")).tables().markdown();
    assertTrue(md.contains("| adam | 0 | 0.6300 ± 0.0100 (n=2) |"), md);
    assertTrue(md.contains("| adam | 500 | 0.5000 (n=1, no SE) |"), md);
    assertFalse(md.contains("Note: cells pool"), md);
    assertEquals("0", RunRecord.read(runs.resolve("old")).config().get("train_size"));
    assertEquals("auto", RunRecord.read(runs.resolve("old")).config().get("image_store"),
        "written before --image-store: the default, so that grouping by the whole configuration pools it");
  }

  @Test
  void noFinishedRunIsAnError() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.of(List.of(empty)).tables());
    assertTrue(e.getMessage().startsWith("no finished run"), e.getMessage());
  }
}
