package dev.lawn.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lawn.experiments.SyntheticRatings;
import dev.lawn.train.RunDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep from Java with only the library on the classpath (no lawn-tools): each run a child JVM
 * running lawn-train's {@code TrainMain}, resolved for reuse by {@link RunConfigResolver#trainOptions()}.
 * Two short NCF runs on synthetic MovieLens-format ratings, then the grid grows and the finished run
 * that the new grid names differently is reused, which only happens when the library's resolution of
 * the new grid point equals the config.json the child wrote (here with a short-run default scaled).
 */
class LibrarySweepTest {

  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path temp;

  @Test
  void runsTrainMainChildrenAndReusesWhatTheyWrote() throws Exception {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.lawn.tools.LawnCommand"),
        "this test is about running without the command line");
    Path data = SyntheticRatings.write(temp.resolve("data"));
    Path out = temp.resolve("out");
    String base = "base: {model: ncf-mlp, data: movielens-100k, data_dir: '" + data + "', optimizer: adam-lawn,"
        + " batch_size: 256, epochs: 2, threads: 1}\nseeds: [1]\nout: '" + out + "'\nparallel: 2\n";

    Path first = temp.resolve("first.yaml");
    Files.writeString(first, base + "grid: {lr: [0.003, 0.01]}\n");
    StringWriter progress = new StringWriter();
    SweepResult result = Sweep.load(first).run(new PrintWriter(progress, true)); // the library's defaults

    assertTrue(result.succeeded(), progress + " / " + result.failures());
    assertEquals(2, result.count(RunOutcome.Status.FINISHED));
    for (String name : List.of("lr-0.003_seed-1", "lr-0.01_seed-1")) {
      Path run = out.resolve(name);
      JsonNode summary = JSON.readTree(run.resolve(RunDirectory.SUMMARY).toFile());
      assertTrue(summary.path("hr@10").isNumber(), summary.toString());
      JsonNode config = JSON.readTree(run.resolve(RunDirectory.CONFIG).toFile());
      assertEquals("1", config.path("e_free").asText(), "the default 5 of 20 epochs, scaled to 2 epochs");
      String log = Files.readString(run.resolve("train.log"));
      assertTrue(log.contains("lawn-train: ncf-mlp on movielens-100k, adam-lawn lr "), log);
      assertTrue(log.contains("dev.lawn.train.TrainMain"), "the log's first line names the child: " + log);
    }
    JsonNode sweepSummary = JSON.readTree(out.resolve(SweepSummaryWriter.JSON_FILE).toFile());
    assertEquals(2, sweepSummary.path("finished_now").asInt(), sweepSummary.toString());
    assertEquals(0, sweepSummary.path("failed").asInt());
    assertEquals(2, sweepSummary.path("grid_points").size());
    for (JsonNode point : sweepSummary.path("grid_points")) {
      assertEquals(1, point.path("runs_finished").asInt(), point.toString());
      assertTrue(point.path("metrics").path("hr@10").path("mean").isNumber(), point.toString());
    }

    // The grid grows: lr 0.003 with e_free 1 is the run already finished (its scaled default), under a new name.
    Path grown = temp.resolve("grown.yaml");
    Files.writeString(grown, base + "grid: {lr: [0.003], e_free: [1, 2]}\n");
    Set<String> launched = Collections.synchronizedSet(new HashSet<>());
    RunLauncher children = ChildJvmLauncher.trainMain();
    RunLauncher recording = (args, log) -> {
      launched.add(log.getParent().getFileName().toString());
      return children.run(args, log);
    };
    SweepResult again = Sweep.load(grown).run(recording, new PrintWriter(new StringWriter(), true));

    assertTrue(again.succeeded(), again.failures().toString());
    assertEquals(Set.of("efree-2_seed-1"), launched, "only the new point is trained");
    List<String> reused = new ArrayList<>();
    again.reused().forEach(o -> reused.add(o.reusedFrom().orElseThrow() + " -> " + o.run().name()));
    assertEquals(List.of("lr-0.003_seed-1 -> efree-1_seed-1"), reused);
  }

}
