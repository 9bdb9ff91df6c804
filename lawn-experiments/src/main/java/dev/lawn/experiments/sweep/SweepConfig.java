package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.ConfigValues;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated sweep: a base configuration, a grid of values to try, the seeds, and where and how
 * wide to run it.
 *
 * @param source the file it was read from (for messages)
 * @param base train options shared by every run
 * @param grid key -> values, in file order; every combination is a grid point
 * @param seeds seeds run for every grid point
 * @param out directory of the run directories and the sweep summary
 * @param parallel number of runs at a time
 * @param selection how to choose the best grid point, if at all
 * @param finalSeeds seeds to run the chosen point with for its final test numbers (empty: report
 *     the selection runs' test metric)
 */
public record SweepConfig(
    Path source,
    Map<String, Object> base,
    Map<String, List<Object>> grid,
    List<Long> seeds,
    Path out,
    int parallel,
    Optional<Selection> selection,
    List<Long> finalSeeds) {

  /** Validates and copies (insertion order of base and grid kept). */
  public SweepConfig {
    base = Collections.unmodifiableMap(new LinkedHashMap<>(base));
    Map<String, List<Object>> gridCopy = new LinkedHashMap<>();
    grid.forEach((k, v) -> gridCopy.put(k, List.copyOf(v)));
    grid = Collections.unmodifiableMap(gridCopy);
    seeds = List.copyOf(seeds);
    finalSeeds = List.copyOf(finalSeeds);
    String where = source + ": ";
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException(where + "seeds must list at least one seed");
    }
    if (new HashSet<>(seeds).size() != seeds.size()) {
      throw new IllegalArgumentException(where + "seeds has duplicates: " + seeds);
    }
    if (new HashSet<>(finalSeeds).size() != finalSeeds.size()) {
      throw new IllegalArgumentException(where + "final_seeds has duplicates: " + finalSeeds);
    }
    if (!finalSeeds.isEmpty() && selection.isEmpty()) {
      throw new IllegalArgumentException(where + "final_seeds needs select: {metric: ..., mode: ...}");
    }
    if (out == null) {
      throw new IllegalArgumentException(where + "out is missing: give out: DIR or --out DIR");
    }
    if (parallel < 1) {
      throw new IllegalArgumentException(where + "parallel must be at least 1, got " + parallel);
    }
    for (Map.Entry<String, List<Object>> entry : grid.entrySet()) {
      if (entry.getValue().isEmpty()) {
        throw new IllegalArgumentException(where + "grid." + entry.getKey() + " has no values");
      }
      // Compared as canonical text: 1 and 1.0 would name the same run directory.
      if (entry.getValue().stream().map(ConfigValues::text).distinct().count()
          != entry.getValue().size()) {
        throw new IllegalArgumentException(
            where + "grid." + entry.getKey() + " has duplicate values: " + entry.getValue());
      }
    }
    for (String reserved : List.of("seed", "out")) {
      if (base.containsKey(reserved) || grid.containsKey(reserved)) {
        throw new IllegalArgumentException(
            where + "'" + reserved + "' is set by the sweep itself (use "
                + (reserved.equals("seed") ? "seeds:" : "out:") + " at the top level)");
      }
    }
  }

  /** The same sweep with another output directory. */
  public SweepConfig withOut(Path newOut) {
    return new SweepConfig(source, base, grid, seeds, newOut, parallel, selection, finalSeeds);
  }

  /** The same sweep with another parallelism. */
  public SweepConfig withParallel(int newParallel) {
    return new SweepConfig(source, base, grid, seeds, out, newParallel, selection, finalSeeds);
  }
}
