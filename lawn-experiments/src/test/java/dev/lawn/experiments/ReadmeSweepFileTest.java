package dev.lawn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.experiments.sweep.PlannedRun;
import dev.lawn.experiments.sweep.RunConfigResolver;
import dev.lawn.experiments.sweep.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's sweep file, as printed, is a valid sweep whose every run resolves to a training configuration. */
class ReadmeSweepFileTest {

  /** The first yaml block after "A sweep file" in the checkout's README. */
  static String readmeSweepFile() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int intro = readme.indexOf("A sweep file (YAML");
    assertTrue(intro >= 0, "README introduces a sweep file");
    int start = readme.indexOf("```yaml\n", intro) + "```yaml\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void theReadmeSweepFilePlansItsRuns(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sweep.yaml"), readmeSweepFile());
    Sweep sweep = Sweep.load(file);
    List<PlannedRun> plan = sweep.plan();
    assertEquals(6, plan.size(), "2 learning rates x 3 E_free x 1 seed");
    assertEquals("lr-0.001_efree-2_seed-1", plan.get(0).name(), "the folder name README shows");
    RunConfigResolver resolver = RunConfigResolver.trainOptions();
    for (PlannedRun run : plan) {
      var config = resolver.configJson(run);
      assertTrue(config.isPresent(), run.name() + " resolves to a configuration");
      assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), config.get().get("threads").asInt(),
          "parallel: 2 without threads shares the cores");
    }
    assertEquals(List.of(1L, 2L, 3L), sweep.config().finalSeeds());
  }
}
