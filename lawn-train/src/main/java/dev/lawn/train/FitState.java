package dev.lawn.train;

import dev.lawn.ops.switching.EpochObservation;
import dev.lawn.train.checkpoint.CheckpointMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run carries from one epoch to the next besides the graph's variables: what a
 * checkpoint stores next to them, so that a resumed run continues exactly (same logs, same summary).
 * The LAWN phase is not here: it is the graph's {@code phase} variable, saved with the variables.
 *
 * @param epoch epochs completed
 * @param switchEpoch epochs completed when LAWN switched, or null
 * @param switchReason why it switched, or null
 * @param wallSeconds wall time of the run's earlier processes
 * @param trainSeconds time spent in training passes
 * @param samples examples trained on
 * @param waitNanos part of {@code trainSeconds} blocked on the input pipeline
 * @param bestMetric best value of the selection metric at a checkpoint, or null
 * @param bestEpoch epoch of {@code bestMetric}, or -1
 * @param observations loss and median training margin of every epoch (what automatic switch rules read)
 * @param lastRow the last metrics row written
 * @param callbacks small states of callbacks that must survive a resume (e.g. {@link
 *     dev.lawn.train.callbacks.EarlyStopping}'s patience count), by the callback's key; each value is
 *     what JSON holds (numbers, strings, lists, maps)
 */
public record FitState(int epoch, Integer switchEpoch, String switchReason, double wallSeconds, double trainSeconds,
    long samples, long waitNanos, Double bestMetric, int bestEpoch, List<EpochObservation> observations,
    Map<String, Object> lastRow, Map<String, Map<String, Object>> callbacks) {

  /** The checkpoint key of {@link #callbacks}. */
  static final String CALLBACKS_KEY = "callbacks";

  public FitState {
    observations = List.copyOf(observations);
    lastRow = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lastRow));
    callbacks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(callbacks));
  }

  /** A run that has not started. */
  public static FitState initial() {
    return new FitState(0, null, null, 0, 0, 0, 0, null, -1, List.of(), Map.of(), Map.of());
  }

  /** The state a checkpoint holds (written by {@link #toExtra(long)}; keys as in run folders of every version). */
  @SuppressWarnings("unchecked")
  public static FitState of(CheckpointMeta meta) {
    Map<String, Object> extra = meta.extra();
    return new FitState(meta.epoch(),
        extra.get("switch_epoch") instanceof Number n ? n.intValue() : null,
        (String) extra.get("switch_reason"),
        number(extra, "wall_seconds").doubleValue(),
        number(extra, "train_seconds").doubleValue(),
        number(extra, "samples").longValue(),
        number(extra, "wait_nanos").longValue(),
        extra.get("best_metric") instanceof Number bm ? bm.doubleValue() : null,
        extra.get("best_epoch") instanceof Number be ? be.intValue() : -1,
        SwitchWatch.fromExtra(extra),
        extra.get("last_row") instanceof Map<?, ?> row ? (Map<String, Object>) row : Map.of(),
        // Checkpoints written before callbacks kept state have none: those callbacks start afresh.
        extra.get(CALLBACKS_KEY) instanceof Map<?, ?> states ? (Map<String, Map<String, Object>>) states : Map.of());
  }

  private static Number number(Map<String, Object> extra, String key) {
    return extra.get(key) instanceof Number n ? n : 0;
  }

  /** The checkpoint's {@code extra} map; {@code seed} records the data order. */
  public Map<String, Object> toExtra(long seed) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("switch_epoch", switchEpoch);
    extra.put("switch_reason", switchReason);
    extra.put("wall_seconds", wallSeconds);
    extra.put("train_seconds", trainSeconds);
    extra.put("samples", samples);
    extra.put("wait_nanos", waitNanos);
    extra.put("best_metric", bestMetric);
    extra.put("best_epoch", bestEpoch);
    List<Double> medians = new ArrayList<>();
    observations.forEach(o -> medians.add(o.marginMedian()));
    extra.put("margin_medians", medians); // read by checkpoints' older readers
    extra.put(SwitchWatch.STATE_KEY, SwitchWatch.toJson(observations));
    extra.put("last_row", lastRow);
    extra.put(CALLBACKS_KEY, callbacks);
    extra.put("data_order", Map.of("seed", seed, "next_epoch", -1));
    return extra;
  }

  public FitState withSwitch(int completedEpochs, String reason) {
    return new FitState(epoch, completedEpochs, reason, wallSeconds, trainSeconds, samples, waitNanos, bestMetric,
        bestEpoch, observations, lastRow, callbacks);
  }

  /** After one more epoch of training, with its mean loss and median training margin. */
  public FitState afterEpoch(double epochSeconds, long epochSamples, long epochWaitNanos, double loss,
      double marginMedian) {
    List<EpochObservation> next = SwitchWatch.record(observations, new EpochObservation(epoch + 1, loss, marginMedian));
    return new FitState(epoch + 1, switchEpoch, switchReason, wallSeconds, trainSeconds + epochSeconds,
        samples + epochSamples, waitNanos + epochWaitNanos, bestMetric, bestEpoch, next, lastRow, callbacks);
  }

  public FitState withLastRow(Map<String, Object> row) {
    return new FitState(epoch, switchEpoch, switchReason, wallSeconds, trainSeconds, samples, waitNanos, bestMetric,
        bestEpoch, observations, row, callbacks);
  }

  public FitState withBest(double metric, int atEpoch) {
    return new FitState(epoch, switchEpoch, switchReason, wallSeconds, trainSeconds, samples, waitNanos, metric,
        atEpoch, observations, lastRow, callbacks);
  }

  public FitState withWallSeconds(double seconds) {
    return new FitState(epoch, switchEpoch, switchReason, seconds, trainSeconds, samples, waitNanos, bestMetric,
        bestEpoch, observations, lastRow, callbacks);
  }

  /** The state the callback of {@code key} saved, or empty when it saved none (a new run). */
  public Map<String, Object> callbackState(String key) {
    return callbacks.getOrDefault(key, Map.of());
  }

  /** With the callback of {@code key}'s state replaced by {@code state} (checkpointed with the rest). */
  public FitState withCallbackState(String key, Map<String, Object> state) {
    Map<String, Map<String, Object>> next = new LinkedHashMap<>(callbacks);
    next.put(key, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(state)));
    return new FitState(epoch, switchEpoch, switchReason, wallSeconds, trainSeconds, samples, waitNanos, bestMetric,
        bestEpoch, observations, lastRow, next);
  }
}
