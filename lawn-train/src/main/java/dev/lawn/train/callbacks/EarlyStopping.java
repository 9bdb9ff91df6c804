package dev.lawn.train.callbacks;

import dev.lawn.train.Callback;
import dev.lawn.train.FitContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stops the run when {@code metric} (higher is better) has not improved by more than {@code minDelta}
 * for {@code patience} evaluations; the epoch that stops it is checkpointed as the last one. Its best
 * value and count are part of the run's state ({@link dev.lawn.train.FitState#callbackState}), saved
 * with each checkpoint: a resumed run stops at the same epoch as an uninterrupted one.
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

  /** The key of this callback's state in the run's state: one per metric watched. */
  private String key() {
    return "early_stopping/" + metric;
  }

  @Override
  public void onTrainBegin(FitContext context) {
    Map<String, Object> saved = context.state().callbackState(key()); // empty for a new run
    best = saved.get("best") instanceof Number b ? b.doubleValue() : Double.NEGATIVE_INFINITY;
    stale = saved.get("stale") instanceof Number s ? s.intValue() : 0;
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
    } else {
      stale++;
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("best", Double.isFinite(best) ? best : null); // JSON has no infinity; null = nothing seen yet
    state.put("stale", stale);
    context.state(context.state().withCallbackState(key(), state)); // the epoch's checkpoint saves it
    if (stale >= patience) {
      context.stop(String.format(Locale.ROOT, "%s did not improve on %.6g for %d evaluations", metric, best, patience));
      context.message("early stop after epoch " + row.get("epoch") + ": " + context.stopReason());
    }
  }
}
