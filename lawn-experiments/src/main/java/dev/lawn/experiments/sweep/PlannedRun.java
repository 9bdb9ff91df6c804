package dev.lawn.experiments.sweep;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training run of a sweep.
 *
 * @param name the run directory's name: a slug of the grid point and seed
 * @param directory where {@code lawn train --out} writes
 * @param gridPoint the grid values of this run, in grid order
 * @param seed the seed
 * @param options every train option: base, then the grid point, then {@code seed}
 */
public record PlannedRun(
    String name, Path directory, Map<String, Object> gridPoint, long seed, Map<String, Object> options) {

  /** Copies, keeping key order. */
  public PlannedRun {
    gridPoint = Collections.unmodifiableMap(new LinkedHashMap<>(gridPoint));
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}
