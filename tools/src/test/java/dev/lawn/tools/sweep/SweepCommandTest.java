package dev.lawn.tools.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lawn sweep} through the top command: dry run and one-line user errors. */
class SweepCommandTest {

  @TempDir Path temp;

  private String[] lawn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LawnCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void dryRunPrintsRunsAndCommandsWithoutRunning() throws Exception {
    Path file = temp.resolve("s.yaml");
    Files.writeString(file, "base: {model: ncf, batch_size: 256}\ngrid: {lr: [0.001, 0.01]}\nseeds: [1, 2]\nout: "
        + temp.resolve("o") + "\n");
    String[] result = lawn("sweep", file.toString(), "--dry-run");
    assertEquals("0", result[0], result[2]);
    assertTrue(result[1].startsWith("4 runs (2 grid points x 2 seeds), 1 at a time"), result[1]);
    assertTrue(result[1].contains("lr-0.01_seed-2: lawn train --model ncf --batch-size 256 --lr 0.01 --seed 2 --out "
        + temp.resolve("o/lr-0.01_seed-2")), result[1]);
    assertTrue(result[1].contains("dev.lawn.tools.LawnCommand train"), result[1]);
    assertFalse(Files.exists(temp.resolve("o")), "nothing ran");
  }

  @Test
  void configErrorsAreOneLine() throws Exception {
    Path file = temp.resolve("bad.yaml");
    Files.writeString(file, "out: o\ngrid: {lr: 0.1}\n");
    String[] result = lawn("sweep", file.toString());
    assertEquals("1", result[0]);
    assertEquals("lawn sweep: " + file + ": grid.lr must be a list of values, e.g. [0.001, 0.01]\n", result[2]);

    String[] missing = lawn("sweep", temp.resolve("none.yaml").toString());
    assertEquals("1", missing[0]);
    assertEquals("lawn sweep: " + temp.resolve("none.yaml") + ": no such file\n", missing[2]);

    Path good = temp.resolve("good.yaml");
    Files.writeString(good, "out: " + temp.resolve("o") + "\n");
    if (!LawnCommand.newCommandLine().getSubcommands().containsKey("train")) {
      String[] noTrainer = lawn("sweep", good.toString());
      assertEquals("1", noTrainer[0]);
      assertEquals("lawn sweep: this build of lawn has no 'train' command to run the sweep with\n", noTrainer[2]);
      assertFalse(Files.exists(temp.resolve("o")), "nothing launched");
    }

    String[] badParallel = lawn("sweep", file.toString(), "--parallel", "two");
    assertEquals("2", badParallel[0]);
    assertEquals(1, badParallel[2].strip().split("\n").length, badParallel[2]);
    assertTrue(badParallel[2].contains("'--parallel'"), badParallel[2]);
  }
}
