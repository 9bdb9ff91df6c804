package dev.lawn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.experiments.report.GroupedResults;
import dev.lawn.experiments.report.Report;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "A zoo model and a data set, from Java" program runs as printed between the marked lines,
 * with three changes that keep it short: a small synthetic MovieLens-format file instead of
 * MovieLens-100k, 3 epochs instead of 20 and E_free 1 instead of 5, and the run folders in a
 * temporary one.
 */
class ReadmeZooSnippetTest {

  @Test
  void readmeProgramTrainsTwoSeedsAndReportsThem(@TempDir Path dir) throws Exception {
    String dataDir = SyntheticRatings.write(dir.resolve("data")).toString();
    Path runs = dir.resolve("runs");
    // --- README
    for (long seed : List.of(1L, 2L)) {
      TrainConfig config = TrainConfig.builder()     // starts from `lawn train`'s defaults
          .model("ncf-mlp").data("movielens-100k").dataDir(dataDir)
          .optimizer("adam-lawn").lr(3e-3).batchSize(1024).epochs(3).warmupEpochs(1).eFree("1")
          .seed(seed)
          .build();                                   // every value checked once, naming its option
      Map<String, Object> summary = new Trainer(config, runs.resolve("ncf/seed-" + seed),
          new TrainingListener() {}).run();          // checkpoints, metrics.jsonl, resume: as lawn train
      System.out.println("seed " + seed + ": test HR@10 " + summary.get("hr@10"));
    }
    Report.Tables tables = Report.of(List.of(runs)).tables();  // mean ± SE over the seeds
    System.out.print(tables.markdown());
    // --- end README
    assertTrue(Files.exists(runs.resolve("ncf/seed-1/summary.json")));
    assertTrue(tables.markdown().contains("hr@10"), tables.markdown());
    GroupedResults.Cell hr = tables.results().cells().stream().filter(c -> c.metric().equals("hr@10"))
        .findFirst().orElseThrow();
    assertEquals(2, hr.stats().n(), "both seeds in one cell");
    assertTrue(hr.stats().mean() > 0 && hr.stats().mean() <= 1, hr.toString());
  }
}
