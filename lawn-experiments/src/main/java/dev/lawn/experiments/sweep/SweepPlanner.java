package dev.lawn.experiments.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Expands a sweep into runs: every combination of the grid values (in file order, the last key
 * varying fastest) times every seed (innermost), each with a deterministic directory under
 * {@code out}.
 *
 * <p>Runs side by side share the machine: when {@code parallel} is above 1 and neither {@code base}
 * nor {@code grid} sets {@code threads}, each run gets {@code threads} = cores / parallel (at least 1),
 * so that N runs do not each spread TensorFlow and the image pipeline over every core. A sweep that
 * sets {@code threads} keeps its value. ({@code threads} changes no result of a CPU run beyond float
 * rounding, and a run may resume with another.)
 */
public final class SweepPlanner {

  /** The option that bounds a run's threads. */
  static final String THREADS = "threads";

  private final SweepConfig config;
  private final List<String> varyingKeys;
  /** {@code threads} each run gets, or 0 for none added. */
  private final int threadsShare;

  /** A planner for one sweep on this machine's cores. */
  public SweepPlanner(SweepConfig config) {
    this(config, Runtime.getRuntime().availableProcessors());
  }

  /** A planner for one sweep on a machine of {@code cores} cores. */
  SweepPlanner(SweepConfig config, int cores) {
    this.config = config;
    this.threadsShare = config.parallel() > 1 && !config.base().containsKey(THREADS)
        && !config.grid().containsKey(THREADS) ? Math.max(1, cores / config.parallel()) : 0;
    this.varyingKeys =
        config.grid().entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
  }

  /** The {@code threads} each run is given (cores / parallel), or empty when the sweep sets its own or runs one at a time. */
  public OptionalInt threadsShare() {
    return threadsShare > 0 ? OptionalInt.of(threadsShare) : OptionalInt.empty();
  }

  /** Grid keys with more than one value: they name the runs. */
  public List<String> varyingKeys() {
    return varyingKeys;
  }

  /** The grid points in order; one empty point for an empty grid. */
  public List<Map<String, Object>> gridPoints() {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> axis : config.grid().entrySet()) {
      List<Map<String, Object>> extended = new ArrayList<>();
      for (Map<String, Object> point : points) {
        for (Object value : axis.getValue()) {
          Map<String, Object> next = new LinkedHashMap<>(point);
          next.put(axis.getKey(), value);
          extended.add(next);
        }
      }
      points = extended;
    }
    return points;
  }

  /** Every grid point with every seed of {@code seeds:}. */
  public List<PlannedRun> plan() {
    List<PlannedRun> runs = new ArrayList<>();
    for (Map<String, Object> point : gridPoints()) {
      runs.addAll(runsFor(point, config.seeds()));
    }
    return unique(runs);
  }

  /** One grid point with the given seeds (the final runs of the chosen point). */
  public List<PlannedRun> runsFor(Map<String, Object> point, List<Long> seeds) {
    List<PlannedRun> runs = new ArrayList<>();
    for (long seed : seeds) {
      Map<String, Object> options = new LinkedHashMap<>(config.base());
      options.putAll(point);
      options.put("seed", seed);
      if (threadsShare > 0) {
        options.put(THREADS, threadsShare);
      }
      String name = RunNamer.name(point, varyingKeys, seed);
      runs.add(new PlannedRun(name, config.out().resolve(name), point, seed, options));
    }
    return unique(runs);
  }

  /** Different points whose slugs collide (values differing only in odd characters) get a hash. */
  private static List<PlannedRun> unique(List<PlannedRun> runs) {
    Map<String, Integer> counts = new HashMap<>();
    runs.forEach(r -> counts.merge(r.name(), 1, Integer::sum));
    List<PlannedRun> named = new ArrayList<>();
    for (PlannedRun run : runs) {
      if (counts.get(run.name()) == 1) {
        named.add(run);
      } else {
        String name = run.name() + "-" + RunNamer.hash(run.gridPoint());
        named.add(
            new PlannedRun(name, run.directory().resolveSibling(name), run.gridPoint(), run.seed(), run.options()));
      }
    }
    return named;
  }
}
