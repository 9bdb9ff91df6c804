package dev.lawn.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConfigLoaderTest {

  @TempDir Path temp;

  private SweepConfig load(String name, String text) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    return new SweepConfigLoader().load(file);
  }

  private String error(String name, String text) {
    return assertThrows(IllegalArgumentException.class, () -> load(name, text)).getMessage();
  }

  @Test
  void readsYaml() throws IOException {
    SweepConfig config =
        load("s.yaml", """
            base: {model: ncf, epochs: 3}
            grid:
              lr: [0.001, 0.01]
              batch_size: [256]
            seeds: [1, 2, 3]
            out: runs/x
            parallel: 2
            select: {metric: val_hr@10, mode: max}
            final_seeds: [1, 2, 3, 4]
            """);
    assertEquals("ncf", config.base().get("model"));
    assertEquals(List.of("lr", "batch_size"), List.copyOf(config.grid().keySet()), "file order kept");
    assertEquals(List.of(0.001, 0.01), config.grid().get("lr"));
    assertEquals(List.of(1L, 2L, 3L), config.seeds());
    assertEquals(Path.of("runs/x"), config.out());
    assertEquals(2, config.parallel());
    Selection selection = config.selection().orElseThrow();
    assertEquals("val_hr@10", selection.metric());
    assertTrue(selection.maximize());
    assertEquals("hr@10", selection.reportMetric(), "test counterpart of the validation metric");
    assertEquals(List.of(1L, 2L, 3L, 4L), config.finalSeeds());
  }

  @Test
  void readsJsonWithDefaults() throws IOException {
    SweepConfig config = load("s.json", "{\"grid\": {\"lr\": [0.1]}, \"out\": \"o\"}");
    assertEquals(SweepConfigLoader.DEFAULT_SEEDS, config.seeds());
    assertEquals(SweepConfigLoader.DEFAULT_PARALLEL, config.parallel());
    assertFalse(config.selection().isPresent());
  }

  @Test
  void rejectsWithMessagesNamingFileAndKey() {
    assertTrue(error("a.yaml", "out: o\ngrids: {lr: [1]}\n").contains("a.yaml: unknown key 'grids'"));
    assertTrue(error("b.yaml", "out: o\ngrid: {lr: 0.1}\n").contains("grid.lr must be a list"));
    assertTrue(error("c.yaml", "out: o\nseeds: [1, 1]\n").contains("seeds has duplicates"));
    assertTrue(error("d.yaml", "out: o\nseeds: [1.5]\n").contains("seeds must be integers"));
    assertTrue(error("e.yaml", "out: o\nfinal_seeds: [1]\n").contains("final_seeds needs select"));
    assertTrue(error("f.yaml", "out: o\nbase: {seed: 3}\n").contains("'seed' is set by the sweep itself"));
    assertTrue(error("g.yaml", "grid: {lr: [1]}\n").contains("out is missing"));
    assertTrue(error("h.yaml", "out: o\nselect: {metric: val_hr@10, mode: best}\n").contains("select.mode must be max or min"));
    assertTrue(error("i.yaml", "out: o\ngrid: {lr: [1, 1.0]}\n").contains("grid.lr has duplicate values"));
    assertTrue(error("j.yaml", "out: o\nparallel: 0\n").contains("parallel must be at least 1"));
    assertTrue(error("k.yaml", "out: o\ngrid: {lr: []}\n").contains("grid.lr has no values"));
  }

  @Test
  void syntaxErrorsNameTheLineAndColumnOnOneLine() {
    String message = error("bad.yaml", "out: o\ngrid:\n  lr: [0.1, 0.2\nseeds: [1]\n");
    assertTrue(message.matches(".*bad\\.yaml:4:\\d+: malformed YAML: expected ',' or ']'.*"
        + "\\(while parsing a flow sequence at line 3, column 7\\)"), message);
    assertFalse(message.contains("\n"), message);
    String json = error("bad.json", "{\n\"out\": \"o\",\n\"grid\": {\"lr\": [0.1,]}\n}");
    assertTrue(json.matches(".*bad\\.json:3:\\d+: malformed JSON: .*"), json);
    assertFalse(json.contains("\n"), json);
  }

  @Test
  void aMissingFileIsCalledMissing() {
    Path missing = temp.resolve("nope.yaml");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SweepConfigLoader().load(missing));
    assertEquals(missing + ": no such file", e.getMessage());
  }
}
