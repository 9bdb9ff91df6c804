package dev.lawn.experiments.report;

import static dev.lawn.experiments.report.RunFixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RowDifference}: "A − B" rows of a report, their numbers, and sides that name no single row. */
class RowDifferenceTest {

  @TempDir Path temp;
  private Path runs;

  /**
   * Adam-LAWN and Adam at two batch sizes, two seeds each (Adam-LAWN at 10k one seed), and a second
   * Adam-LAWN learning rate at 1k: hand-checkable means and SEs.
   */
  @BeforeEach
  void runs() throws Exception {
    runs = temp.resolve("runs");
    run("lawn-1k-s1", "adam-lawn", 0.001, 1024, 1, 0.66);
    run("lawn-1k-s2", "adam-lawn", 0.001, 1024, 2, 0.68); // 0.67 ± 0.01
    run("adam-1k-s1", "adam", 0.001, 1024, 1, 0.62);
    run("adam-1k-s2", "adam", 0.001, 1024, 2, 0.66); // 0.64 ± 0.02
    run("lawn-10k-s1", "adam-lawn", 0.001, 10240, 1, 0.65); // one seed: no SE
    run("adam-10k-s1", "adam", 0.001, 10240, 1, 0.64);
    run("adam-10k-s2", "adam", 0.001, 10240, 2, 0.66); // 0.65 ± 0.01
    run("lawn-1k-fast-s1", "adam-lawn", 0.003, 1024, 1, 0.60);
  }

  private void run(String name, String optimizer, double lr, int batch, int seed, double hr) throws Exception {
    RunFixtures.finishedRun(runs.resolve(name), map("optimizer", optimizer, "lr", lr, "batch_size", batch, "seed", seed),
        map("hr@10", hr), List.of());
  }

  @Test
  void aDifferenceRowIsTheMeansDifferenceWithTheSesAddedInQuadrature() throws Exception {
    Report.Tables tables = Report.of(List.of(runs)).rows(List.of("optimizer", "lr")).cols(List.of("batch_size"))
        .metrics(List.of("hr@10")).differences(List.of(RowDifference.parse("adam-lawn,lr=1e-3:adam"))).tables();
    String md = tables.markdown();
    // 1k: 0.67 - 0.64 = +0.03, SE sqrt(0.01² + 0.02²) = 0.02236; 10k: 0.65 - 0.65 = 0 with no SE (one seed).
    assertTrue(md.contains("| adam-lawn,lr=0.001 − adam |  | +0.0300 ± 0.0224 (n=2 vs 2) | 0.0000 (n=1 vs 2, no SE) |"), md);
    List<RowDifference.Cell> cells = RowDifference.parse("adam-lawn,0.001:optimizer=adam").cells(tables.results());
    assertEquals(2, cells.size());
    assertEquals(0.03, cells.get(0).mean(), 1e-12);
    assertEquals(Math.sqrt(0.01 * 0.01 + 0.02 * 0.02), cells.get(0).standardError(), 1e-12);
    assertTrue(Double.isNaN(cells.get(1).standardError()));
    assertTrue(tables.csv().contains("\"adam-lawn,lr=0.001 − adam\",,1024,hr@10,,0.03"), tables.csv());
  }

  @Test
  void aSideMustNameExactlyOneRowByItsKeys() throws Exception {
    Report report = Report.of(List.of(runs)).rows(List.of("optimizer", "lr")).cols(List.of("batch_size"))
        .metrics(List.of("hr@10"));
    String several = assertThrows(IllegalArgumentException.class,
        () -> report.differences(List.of(RowDifference.parse("adam-lawn:adam"))).tables()).getMessage();
    assertTrue(several.startsWith("--difference adam-lawn:adam: 'adam-lawn' matches 2 rows of the table"), several);
    assertTrue(several.endsWith("name more keys, as key=value"), several);
    String none = assertThrows(IllegalArgumentException.class,
        () -> report.differences(List.of(RowDifference.parse("sgd:adam"))).tables()).getMessage();
    assertTrue(none.contains("'sgd' matches no row") && none.contains("optimizer=adam,lr=0.001"), none);
    String key = assertThrows(IllegalArgumentException.class,
        () -> report.differences(List.of(RowDifference.parse("opt=adam-lawn:adam"))).tables()).getMessage();
    assertTrue(key.contains("opt is not a row key of the table (rows are by optimizer, lr"), key);
  }

  @Test
  void theSpecNeedsTwoSides() {
    for (String bad : List.of("adam", "adam:", ":adam", "a:b:c")) {
      String message = assertThrows(IllegalArgumentException.class, () -> RowDifference.parse(bad)).getMessage();
      assertTrue(message.startsWith("--difference takes ROW_A:ROW_B"), message);
    }
  }
}
