package dev.lawn.train.callbacks;

import dev.lawn.train.Callback;
import dev.lawn.train.FitContext;
import java.util.Locale;
import java.util.Map;

/**
 * Stops the run when {@code metric} (higher is better) has not improved by more than {@code minDelta}
 * for {@code patience} evaluations; the epoch that stops it is checkpointed as the last one. Its
 * count starts anew in a resumed process.
 */
public final class EarlyStopping implements Callback {

  private final String metric;
  private final int patience;
  private final double minDelta;
  private double best = Double.NEGATIVE_INFINITY;
  private int stale;

  public EarlyStopping(String metric, int patience, double minDelta) {
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("EarlyStopping: a metric name is required");
    }
    if (patience < 1 || !(minDelta >= 0)) {
      throw new IllegalArgumentException("EarlyStopping: patience must be >= 1 and minDelta >= 0");
    }
    this.metric = metric;
    this.patience = patience;
    this.minDelta = minDelta;
  }

  @Override
  public void onEvaluation(FitContext context, Map<String, Object> row) {
    if (!(row.get(metric) instanceof Number n)) {
      throw new IllegalStateException("EarlyStopping: the metrics rows have no '" + metric + "'; columns: "
          + row.keySet());
    }
    if (n.doubleValue() > best + minDelta) {
      best = n.doubleValue();
      stale = 0;
    } else if (++stale >= patience) {
      context.stop(String.format(Locale.ROOT, "%s did not improve on %.6g for %d evaluations", metric, best, patience));
      context.message("early stop after epoch " + row.get("epoch") + ": " + context.stopReason());
    }
  }
}
