package dev.lawn.experiments.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups runs by configuration values.
 *
 * <p>By default the keys are those whose value differs between runs, minus the ones that differ by
 * design between repetitions ({@link #DEFAULT_IGNORED}): so each group is one configuration and
 * its runs are its seeds. A key a run lacks groups under {@value #ABSENT}.
 */
public final class RunGrouping {

  /** Keys that distinguish repetitions of one configuration, not configurations. */
  public static final Set<String> DEFAULT_IGNORED = Set.of("seed", "out", "run_dir", "resume");

  /** Group value of a key the run's configuration does not have. */
  public static final String ABSENT = "(absent)";

  private RunGrouping() {}

  /** Keys (sorted) whose value differs between the runs, except the ignored ones. */
  public static List<String> varyingKeys(Collection<RunRecord> runs, Set<String> ignored) {
    List<String> varying = new ArrayList<>();
    for (String key : allKeys(runs)) {
      if (ignored.contains(key)) {
        continue;
      }
      Set<String> values = new HashSet<>();
      for (RunRecord run : runs) {
        values.add(run.config().getOrDefault(key, ABSENT));
      }
      if (values.size() > 1) {
        varying.add(key);
      }
    }
    return varying;
  }

  /** Keys (sorted) with one value shared by every run, with that value. */
  public static Map<String, String> commonValues(Collection<RunRecord> runs, Set<String> ignored) {
    Map<String, String> common = new TreeMap<>();
    List<String> varying = varyingKeys(runs, Set.of());
    for (String key : allKeys(runs)) {
      if (!ignored.contains(key) && !varying.contains(key)) {
        common.put(key, runs.iterator().next().config().get(key));
      }
    }
    return common;
  }

  /**
   * Of the {@code candidates}, the keys whose value differs between two runs of one cell, a cell
   * being the runs with equal values of {@code cellKeys}: what a table's cells pool (besides seeds).
   */
  public static List<String> pooledKeys(Collection<RunRecord> runs, List<String> cellKeys, List<String> candidates) {
    Map<List<String>, List<RunRecord>> cells = new java.util.HashMap<>();
    for (RunRecord run : runs) {
      List<String> cell = cellKeys.stream().map(k -> run.config().getOrDefault(k, ABSENT)).toList();
      cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(run);
    }
    return candidates.stream().filter(key -> !cellKeys.contains(key))
        .filter(key -> cells.values().stream().anyMatch(cell -> varyingKeys(cell, Set.of()).contains(key)))
        .toList();
  }

  /** Every configuration key of any run, sorted. */
  public static Set<String> allKeys(Collection<RunRecord> runs) {
    Set<String> keys = new TreeSet<>();
    runs.forEach(run -> keys.addAll(run.config().keySet()));
    return keys;
  }

  /** Groups runs by their values of {@code keys}, groups sorted by those values (numbers by value). */
  public static List<RunGroup> group(Collection<RunRecord> runs, List<String> keys) {
    Map<List<String>, List<RunRecord>> byValues = new TreeMap<>(RunGrouping::compareValues);
    for (RunRecord run : runs) {
      List<String> values = new ArrayList<>();
      for (String key : keys) {
        values.add(run.config().getOrDefault(key, ABSENT));
      }
      byValues.computeIfAbsent(values, v -> new ArrayList<>()).add(run);
    }
    List<RunGroup> groups = new ArrayList<>();
    byValues.forEach(
        (values, members) -> {
          Map<String, String> key = new LinkedHashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            key.put(keys.get(i), values.get(i));
          }
          members.sort(Comparator.comparing(RunRecord::directory));
          groups.add(new RunGroup(key, members));
        });
    return groups;
  }

  private static int compareValues(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = ConfigValues.NATURAL_ORDER.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
