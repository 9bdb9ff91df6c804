package dev.lawn.tools.report;

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

  /** Numeric summary/metrics keys that describe the run rather than its quality. */
  public static final Set<String> BOOKKEEPING =
      Set.of(
          "epoch", "step", "lr", "loss", "val_loss", "margin_p50", "wall_seconds",
          "train_samples_per_second", "switch_epoch", "seed");

  private MetricNames() {}

  /**
   * Default table columns: every metric any run reports, test metrics first, then validation
   * ones, each alphabetically ({@code hr@10} before {@code ndcg@10}, {@code accuracy} before
   * {@code ece}).
   */
  public static List<String> defaults(Collection<RunRecord> runs) {
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
