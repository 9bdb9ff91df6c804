package dev.lawn.tools.bench;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.tools.LawnProgram;
import dev.lawn.tools.LawnRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code lawn bench}; timings are printed, never asserted. */
class BenchCommandTest {

  /** The lines of the Markdown table whose header starts with {@code | firstHeader}. */
  static List<String> table(String markdown, String firstHeader) {
    List<String> lines = markdown.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\| " + firstHeader + " +\\|.*")) {
        start = i;
        break;
      }
    }
    assertTrue(start >= 0, "no table headed '" + firstHeader + "' in:\n" + markdown);
    int end = start;
    while (end < lines.size() && lines.get(end).startsWith("|")) {
      end++;
    }
    return lines.subList(start, end);
  }

  /** The second table headed {@code | problem} (operations per step). */
  static List<String> opsTable(String markdown) {
    int second = markdown.indexOf("## Operations per step");
    assertTrue(second >= 0, markdown);
    return table(markdown.substring(second), "problem");
  }

  static List<String> cells(String row) {
    String inner = row.strip();
    return Arrays.stream(inner.substring(1, inner.length() - 1).split("\\|")).map(String::strip).toList();
  }

  @Test
  void benchIsRegisteredAndHelpListsItsCommands() {
    LawnRun top = lawn("--help");
    assertEquals(0, top.code());
    assertTrue(top.out().contains("bench"), top.out());

    LawnRun help = lawn("bench", "--help").ok();
    for (String command : List.of("all", "optimizers", "pipeline", "train")) {
      assertTrue(help.out().contains("  " + command + " "), command + " missing from:\n" + help.out());
    }
    assertFalse(help.out().contains("train-variant"), "the internal child command stays hidden");
    for (String command : List.of("all", "optimizers", "pipeline", "train")) {
      LawnRun sub = lawn("bench", command, "--help");
      assertEquals(0, sub.code(), command + ": " + sub.err());
      assertTrue(sub.out().contains("--out"), command + " has --out");
    }
  }

  @Test
  void tinyOptimizerBenchPrintsAWellFormedTableAndWritesJson(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("sub/bench.md");
    LawnRun run = lawn("bench", "optimizers", "--rounds", "1", "--steps", "2", "--kinds", "adam,sgd",
        "--problems", "ncf,ncf-mlp", "--out", md.toString()).ok();
    assertTrue(run.out().startsWith("# lawn bench\n"), run.out());
    assertTrue(run.out().contains("`lawn bench optimizers --rounds 1 --steps 2"), "the report names its command");
    assertTrue(run.out().contains("load average at start: "), run.out());

    List<String> table = table(run.out(), "problem");
    assertEquals(2 + 4, table.size(), "header, rule, 2 problems x 2 optimizers:\n" + String.join("\n", table));
    assertEquals(List.of("problem", "optimizer", "base ms", "LAWN free ms", "free / base", "LAWN constrained ms",
        "constrained / base", "kernels", "constrained, graph ops ms", "graph ops / base"), cells(table.get(0)));
    assertTrue(table.get(1).matches("\\|( :?-+:? \\|)+"), table.get(1));
    List<String> problems = table.stream().skip(2).map(r -> cells(r).get(0) + "/" + cells(r).get(1)).toList();
    assertEquals(List.of("ncf/adam", "ncf/sgd", "zoo ncf-mlp/adam", "zoo ncf-mlp/sgd"), problems);
    for (String row : table.subList(2, table.size())) {
      List<String> c = cells(row);
      assertEquals(10, c.size(), row);
      for (int i : new int[] {2, 3, 5, 8}) {
        assertTrue(Double.parseDouble(c.get(i)) > 0, "a positive time in " + row);
      }
      assertTrue(c.get(4).matches("\\d+\\.\\d{3}x") && c.get(6).matches("\\d+\\.\\d{3}x")
          && c.get(9).matches("\\d+\\.\\d{3}x"), row);
      assertEquals("fused-cpu", c.get(7), "the default constrained step runs lawn-ops' fused kernels: " + row);
    }

    List<String> ops = opsTable(run.out());
    assertEquals(2 + 2, ops.size(), "the zoo model's two optimizers:\n" + String.join("\n", ops));
    for (String row : ops.subList(2, ops.size())) {
      List<String> c = cells(row);
      assertTrue(Integer.parseInt(c.get(4)) > Integer.parseInt(c.get(2)), "LAWN's constrained step runs more ops: " + row);
      assertTrue(Integer.parseInt(c.get(6)) > Integer.parseInt(c.get(4)), "graph ops run more than the fused kernels: " + row);
    }

    String end = "Load average at end: ";
    assertEquals(run.out().substring(0, run.out().indexOf(end)), Files.readString(md).substring(0,
        Files.readString(md).indexOf(end)), "the file holds the printed report");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("sub/bench.json").toFile());
    assertEquals(4, json.get("step_cost").size());
    assertEquals("ncf", json.get("step_cost").get(0).get("problem").asText());
    assertTrue(json.get("step_cost").get(0).get("baseMs").asDouble() > 0);
    assertTrue(json.get("run").get("machine").get("processors").asInt() >= 1);
  }

  @Test
  void badSettingsAreOneLineErrorsNamingTheOption() {
    LawnRun kinds = lawn("bench", "optimizers", "--kinds", "adamx");
    assertEquals(LawnProgram.EXIT_ERROR, kinds.code());
    assertTrue(kinds.err().startsWith("lawn bench optimizers: --kinds: unknown optimizer 'adamx'"), kinds.err());
    assertEquals(1, kinds.err().strip().lines().count(), kinds.err());

    LawnRun problem = lawn("bench", "optimizers", "--problems", "resnet");
    assertTrue(problem.err().contains("--problems: unknown problem 'resnet'"), problem.err());

    LawnRun epochs = lawn("bench", "train", "--epochs", "1");
    assertEquals(LawnProgram.EXIT_ERROR, epochs.code());
    assertTrue(epochs.err().contains("--epochs must be >= 2 (the first epoch is warm-up)"), epochs.err());

    LawnRun bare = lawn("bench", "train", "--model", "small-cnn", "--data", "fashion-mnist", "--bare", "adam");
    assertTrue(bare.err().contains("--bare: the bare-graph reference is an NCF-MLP graph"), bare.err());

    LawnRun optimizer = lawn("bench", "train", "--optimizers", "adam,nesterov-lawn");
    assertTrue(optimizer.err().contains("--optimizers: unknown optimizer 'nesterov-lawn'"), optimizer.err());

    LawnRun unknown = lawn("bench", "frobnicate");
    assertEquals(LawnProgram.EXIT_USAGE, unknown.code());
  }

  @Test
  void bareDefaultsToThePlainOptimizersOfNcf() {
    assertEquals(List.of("adam"), TrainBenchCommand.resolveBare(List.of("auto"), List.of("adam", "adam-lawn"), "ncf-mlp"));
    assertEquals(List.of(), TrainBenchCommand.resolveBare(List.of("auto"), List.of("adam"), "small-cnn"));
    assertEquals(List.of(), TrainBenchCommand.resolveBare(List.of("none"), List.of("adam"), "ncf-mlp"));
    assertEquals(List.of("sgd-lawn"), TrainBenchCommand.resolveBare(List.of("sgd-lawn"), List.of("adam"), "ncf-mlp"));
  }

  @Test
  void opProfileShowsWhatTheConstrainedStepAdds(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("ops.md");
    LawnRun run = lawn("bench", "ops", "--model", "ncf-mlp", "--optimizer", "sgd", "--steps", "4", "--warmup", "1",
        "--top", "5", "--out", md.toString()).ok();
    List<String> types = table(run.out(), "op type");
    assertEquals(2 + 5, types.size(), String.join("\n", types));
    JsonNode ops = new ObjectMapper().readTree(Files.readString(dir.resolve("ops.json"))).get("ops");
    double baseNodes = ops.get("base").get("nodes").asDouble();
    double constrainedNodes = ops.get("constrained").get("nodes").asDouble();
    assertTrue(constrainedNodes > baseNodes, "LAWN adds nodes: " + baseNodes + " vs " + constrainedNodes);
    assertTrue(ops.get("constrained").get("byType").has("LawnTangentGradients"), "LAWN's fused kernels run");
    assertTrue(ops.get("constrained").get("byType").has("LawnSphereStep"), "LAWN's fused kernels run");
    assertFalse(ops.get("base").get("byType").has("LawnSphereStep"), "the base step has none");

    LawnRun bad = lawn("bench", "ops", "--optimizer", "adamx");
    assertEquals(LawnProgram.EXIT_ERROR, bad.code());
    assertTrue(bad.err().contains("--optimizer"), bad.err());
  }
}
