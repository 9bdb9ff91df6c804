package dev.lawn.experiments.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which summary values are metrics worth tabulating, and which way is better.
 */
public final class MetricNames {

  /** Prefix of metrics on the validation split. */
  public static final String VALIDATION_PREFIX = "val_";

  /** The results a run is judged by, in table order: recommendation, then classification. */
  public static final List<String> PRIMARY = List.of("hr@10", "ndcg@10", "accuracy", "ece");

  /** The median training margin, the paper's second curve: part of the default table. */
  public static final String MARGIN = "margin_p50";

  /** Numeric summary/metrics keys that describe the run rather than its quality. */
  public static final Set<String> BOOKKEEPING =
      Set.of(
          "epoch", "step", "lr", "loss", "val_loss", "margin_p50", "wall_seconds",
          "train_samples_per_second", "switch_epoch", "seed");

  private MetricNames() {}

  /**
   * Default table columns: the primary metrics the runs report ({@link #PRIMARY}: {@code hr@10},
   * {@code ndcg@10} or {@code accuracy}, {@code ece}), then their validation counterparts, then
   * {@value #MARGIN}. Bookkeeping ({@code parameters}, {@code best_epoch}, rates, times) only with
   * {@link #all}. Runs that report none of the primary metrics (a custom summary) get every
   * non-bookkeeping metric instead.
   */
  public static List<String> defaults(Collection<RunRecord> runs) {
    Set<String> reported = new TreeSet<>();
    runs.forEach(run -> reported.addAll(run.summary().keySet()));
    List<String> metrics = new ArrayList<>();
    PRIMARY.stream().filter(reported::contains).forEach(metrics::add);
    PRIMARY.stream().map(m -> VALIDATION_PREFIX + m).filter(reported::contains).forEach(metrics::add);
    if (metrics.isEmpty()) {
      return nonBookkeeping(runs);
    }
    if (reported.contains(MARGIN)) {
      metrics.add(MARGIN);
    }
    return metrics;
  }

  /** Every numeric value of summary.json: the primary metrics first, then the rest alphabetically. */
  public static List<String> all(Collection<RunRecord> runs) {
    Set<String> reported = new TreeSet<>();
    runs.forEach(run -> reported.addAll(run.summary().keySet()));
    List<String> metrics = new ArrayList<>(defaults(runs));
    reported.stream().filter(k -> !metrics.contains(k)).forEach(metrics::add);
    return metrics;
  }

  /** Every metric any run reports, test metrics first, then validation ones, each alphabetically. */
  private static List<String> nonBookkeeping(Collection<RunRecord> runs) {
    Set<String> test = new TreeSet<>();
    Set<String> validation = new TreeSet<>();
    for (RunRecord run : runs) {
      for (String key : run.summary().keySet()) {
        if (BOOKKEEPING.contains(key)) {
          continue;
        }
        (key.startsWith(VALIDATION_PREFIX) ? validation : test).add(key);
      }
    }
    List<String> metrics = new ArrayList<>(test);
    metrics.addAll(validation);
    return metrics;
  }

  /** True for losses, calibration errors and times, where smaller is better. */
  public static boolean lowerIsBetter(String metric) {
    String m = metric.toLowerCase(java.util.Locale.ROOT);
    return m.contains("loss") || m.contains("ece") || m.contains("error") || m.contains("seconds");
  }

  /** The test metric that a validation metric stands for: {@code val_hr@10 -> hr@10}. */
  public static String testCounterpart(String metric) {
    return metric.startsWith(VALIDATION_PREFIX)
        ? metric.substring(VALIDATION_PREFIX.length())
        : metric;
  }
}
