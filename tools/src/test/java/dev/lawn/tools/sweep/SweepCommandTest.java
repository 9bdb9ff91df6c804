package dev.lawn.tools.sweep;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnCommand;
import dev.lawn.tools.LawnRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lawn sweep} through the top command: dry run and one-line user errors. */
class SweepCommandTest {

  @TempDir Path temp;

  @Test
  void dryRunPrintsRunsAndCommandsWithoutRunning() throws Exception {
    Path file = temp.resolve("s.yaml");
    Files.writeString(file, "base: {model: ncf, batch_size: 256}\ngrid: {lr: [0.001, 0.01]}\nseeds: [1, 2]\nout: "
        + temp.resolve("o") + "\n");
    LawnRun result = lawn("sweep", file.toString(), "--dry-run").ok();
    assertTrue(result.out().startsWith("4 runs (2 grid points x 2 seeds), 1 at a time"), result.out());
    assertTrue(result.out().contains("lr-0.01_seed-2: lawn train --model ncf --batch-size 256 --lr 0.01 --seed 2 --out "
        + temp.resolve("o/lr-0.01_seed-2")), result.out());
    assertTrue(result.out().contains("dev.lawn.tools.LawnCommand train"), result.out());
    assertFalse(Files.exists(temp.resolve("o")), "nothing ran");
  }

  @Test
  void configErrorsAreOneLine() throws Exception {
    Path file = temp.resolve("bad.yaml");
    Files.writeString(file, "out: o\ngrid: {lr: 0.1}\n");
    LawnRun result = lawn("sweep", file.toString());
    assertEquals(1, result.code());
    assertEquals("lawn sweep: " + file + ": grid.lr must be a list of values, e.g. [0.001, 0.01]\n", result.err());

    LawnRun missing = lawn("sweep", temp.resolve("none.yaml").toString());
    assertEquals(1, missing.code());
    assertEquals("lawn sweep: " + temp.resolve("none.yaml") + ": no such file\n", missing.err());

    Path good = temp.resolve("good.yaml");
    Files.writeString(good, "out: " + temp.resolve("o") + "\n");
    if (!LawnCommand.newCommandLine().getSubcommands().containsKey("train")) {
      LawnRun noTrainer = lawn("sweep", good.toString());
      assertEquals(1, noTrainer.code());
      assertEquals("lawn sweep: this build of lawn has no 'train' command to run the sweep with\n", noTrainer.err());
      assertFalse(Files.exists(temp.resolve("o")), "nothing launched");
    }

    LawnRun badParallel = lawn("sweep", file.toString(), "--parallel", "two");
    assertEquals(2, badParallel.code());
    assertEquals(1, badParallel.err().strip().split("\n").length, badParallel.err());
    assertTrue(badParallel.err().contains("'--parallel'"), badParallel.err());
  }
}
