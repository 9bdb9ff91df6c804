package dev.lawn.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepPlannerTest {

  private static SweepConfig config(Map<String, List<Object>> grid, List<Long> seeds) {
    return new SweepConfig(Path.of("s.yaml"), Map.of("model", "ncf"), grid, seeds, Path.of("out"), 1,
        Optional.empty(), List.of());
  }

  /** A grid from alternating keys and value lists ({@code "lr", List.of(0.1, 0.01), ...}). */
  static Map<String, List<Object>> grid(Object... keyValues) {
    Map<String, List<Object>> grid = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) keyValues[i + 1];
      grid.put((String) keyValues[i], values);
    }
    return grid;
  }

  private static SweepConfig parallel(Map<String, Object> base, Map<String, List<Object>> grid, int parallel) {
    return new SweepConfig(Path.of("s.yaml"), base, grid, List.of(1L), Path.of("out"), parallel, Optional.empty(),
        List.of());
  }

  @Test
  void runsSideBySideShareTheCoresUnlessTheSweepSetsThreads() {
    Map<String, List<Object>> lrs = grid("lr", List.of(0.1, 0.01));
    SweepPlanner two = new SweepPlanner(parallel(Map.of("model", "ncf"), lrs, 2), 8);
    assertEquals(java.util.OptionalInt.of(4), two.threadsShare());
    for (PlannedRun run : two.plan()) {
      assertEquals(4, run.options().get("threads"), run.name());
      assertTrue(TrainArguments.of(run).containsAll(List.of("--threads", "4")), run.name());
    }
    assertEquals(1, new SweepPlanner(parallel(Map.of(), lrs, 3), 2).plan().get(0).options().get("threads"),
        "at least one thread each");
    assertEquals(java.util.OptionalInt.empty(), new SweepPlanner(parallel(Map.of(), lrs, 1), 8).threadsShare(),
        "one run at a time keeps every core");
    assertEquals(2, new SweepPlanner(parallel(Map.of("threads", 2), lrs, 2), 8).plan().get(0).options()
        .get("threads"), "the sweep's own threads in base");
    SweepPlanner gridThreads = new SweepPlanner(parallel(Map.of(), grid("threads", List.of(1, 3)), 2), 8);
    assertEquals(List.of(1, 3), gridThreads.plan().stream().map(r -> r.options().get("threads")).toList());
    assertEquals(java.util.OptionalInt.empty(), gridThreads.threadsShare());
  }

  @Test
  void expandsGridTimesSeedsInFileOrderWithReadableNames() {
    SweepPlanner planner = new SweepPlanner(config(
        grid("lr", List.of(0.001, 0.01), "batch_size", List.of(256), "optimizer", List.of("adam", "lamb")),
        List.of(1L, 2L)));
    List<PlannedRun> plan = planner.plan();
    assertEquals(8, plan.size());
    assertEquals(
        List.of("lr-0.001_opt-adam_seed-1", "lr-0.001_opt-adam_seed-2", "lr-0.001_opt-lamb_seed-1",
            "lr-0.001_opt-lamb_seed-2", "lr-0.01_opt-adam_seed-1", "lr-0.01_opt-adam_seed-2",
            "lr-0.01_opt-lamb_seed-1", "lr-0.01_opt-lamb_seed-2"),
        plan.stream().map(PlannedRun::name).toList(),
        "single-valued batch_size is not in the names; seeds vary fastest");
    PlannedRun first = plan.get(0);
    assertEquals(Path.of("out", "lr-0.001_opt-adam_seed-1"), first.directory());
    assertEquals(List.of("model", "lr", "batch_size", "optimizer", "seed"), List.copyOf(first.options().keySet()));
    assertEquals(
        List.of("--model", "ncf", "--lr", "0.001", "--batch-size", "256", "--optimizer", "adam", "--seed", "1",
            "--out", Path.of("out", "lr-0.001_opt-adam_seed-1").toString()),
        TrainArguments.of(first));
    assertEquals(plan, new SweepPlanner(config(
        grid("lr", List.of(0.001, 0.01), "batch_size", List.of(256), "optimizer", List.of("adam", "lamb")),
        List.of(1L, 2L))).plan(), "deterministic");
  }

  @Test
  void emptyGridIsOnePoint() {
    List<PlannedRun> plan = new SweepPlanner(config(Map.of(), List.of(7L))).plan();
    assertEquals(List.of("run_seed-7"), plan.stream().map(PlannedRun::name).toList());
  }

  @Test
  void collidingOrLongSlugsStayUnique() {
    List<PlannedRun> plan = new SweepPlanner(config(grid("tag", List.of("a/b", "a b")), List.of(1L))).plan();
    Set<String> names = plan.stream().map(PlannedRun::name).collect(Collectors.toSet());
    assertEquals(2, names.size(), names.toString());
    names.forEach(n -> assertTrue(n.startsWith("tag-a-b_seed-1-"), n));

    String longValue = "x".repeat(150);
    List<PlannedRun> longPlan = new SweepPlanner(config(grid("note", List.of(longValue + "1", longValue + "2")), List.of(1L))).plan();
    assertTrue(longPlan.get(0).name().length() <= RunNamer.MAX_SLUG + "_seed-1".length());
    assertNotEquals(longPlan.get(0).name(), longPlan.get(1).name());
  }

  @Test
  void listsBecomeCommaSeparatedAndMapsAreRejected() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("hidden", List.of(64, 32));
    options.put("warmup_epochs", 5);
    PlannedRun run = new PlannedRun("r", Path.of("o/r"), Map.of(), 1, options);
    assertEquals(List.of("--hidden", "64,32", "--warmup-epochs", "5", "--out", Path.of("o/r").toString()), TrainArguments.of(run));
    PlannedRun bad = new PlannedRun("r", Path.of("o/r"), Map.of(), 1, Map.of("model", Map.of("name", "ncf")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainArguments.of(bad));
    assertTrue(e.getMessage().contains("'model' is a map"), e.getMessage());
  }
}
