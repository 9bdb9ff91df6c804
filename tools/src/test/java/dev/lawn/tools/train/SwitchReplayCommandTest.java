package dev.lawn.tools.train;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwitchReplayCommandTest {

  private static final double[] MARGINS = {0.01, 0.95, 1.94, 1.99, 2.02, 2.10, 2.30, 2.47};
  private static final double[] LOSSES = {0.671, 0.426, 0.356, 0.349, 0.341, 0.328, 0.313, 0.303};

  /** A run directory logged every epoch, free for {@code freeEpochs} epochs. */
  private static Path run(Path dir, int freeEpochs) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), "{\"warmup_epochs\": 3}");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < MARGINS.length; i++) {
      rows.add(String.format(Locale.ROOT, "{\"epoch\":%d,\"loss\":%s,\"margin_p50\":%s,\"phase\":\"%s\"}", i + 1,
          LOSSES[i], MARGINS[i], i < freeEpochs ? "free" : "constrained"));
    }
    Files.write(dir.resolve("metrics.jsonl"), rows);
    return dir;
  }

  @Test
  void replaysEachRuleOnTheFreeEpochs(@TempDir Path tmp) throws IOException {
    LawnRun r = lawn("switch-replay", "--e-free", "margin-level,loss-knee,auto", run(tmp.resolve("free"), 8).toString(),
        run(tmp.resolve("switched"), 4).toString()).ok();
    assertTrue(r.out().contains("| 8 | margin-level:2 | 5 | margin-level:2: median training margin 2.020"), r.out());
    assertTrue(r.out().contains("| 8 | loss-knee:0.25 | 4 |"), r.out());
    // Only the free epochs count: the run switched after 4, before the margin reached 2.
    assertTrue(r.out().contains("| 4 | margin-level:2 | none | did not fire while the run was free |"), r.out());
  }

  @Test
  void badInputIsOneLineAndNothingElse(@TempDir Path tmp) throws IOException {
    LawnRun r = lawn("switch-replay", "--e-free", "5", run(tmp.resolve("free"), 8).toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("--e-free: '5' is not an automatic rule"), r.err());
    assertEquals("", r.out());
    Path sparse = run(tmp.resolve("sparse"), 8);
    Files.write(sparse.resolve("metrics.jsonl"), List.of("{\"epoch\":5,\"loss\":0.3,\"margin_p50\":2,\"phase\":\"free\"}"));
    r = lawn("switch-replay", sparse.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("--eval-every 1"), r.err());
    assertEquals("", r.out());
  }
}
