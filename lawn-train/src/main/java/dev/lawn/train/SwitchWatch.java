package dev.lawn.train;

import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.switching.EpochObservation;
import dev.lawn.ops.switching.SwitchGate;
import dev.lawn.ops.switching.SwitchRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trainer's side of an automatic switch rule ({@code --e-free margin-level}, {@code loss-knee},
 * {@code auto}): it keeps the per-epoch observations the rule reads, asks the rule through a
 * {@link SwitchGate} (not before the warm-up ends, never twice), and carries the observations in the
 * checkpoint so that a resumed run decides exactly as an uninterrupted one.
 */
final class SwitchWatch {

  /** Checkpoint key of the observations: a list of {@code {epoch, loss, margin_p50}}. */
  static final String STATE_KEY = "switch_history";

  private final SwitchGate gate;
  private final List<EpochObservation> history = new ArrayList<>();

  private SwitchWatch(SwitchGate gate) {
    this.gate = gate;
  }

  /** A watch for {@code config}'s rule, or one that never switches when its {@code --e-free} is fixed. */
  static SwitchWatch of(TrainConfig config) {
    SwitchPolicy policy = config.switchPolicy();
    return new SwitchWatch(SwitchRules.of(policy).map(r -> new SwitchGate(r, config.warmupEpochs())).orElse(null));
  }

  /** The rule's name as the run summary records it, or null for a fixed {@code --e-free}. */
  String ruleName() {
    return gate == null ? null : gate.rule().name();
  }

  /**
   * Records the epoch that just ended and asks the rule.
   *
   * @param completedEpochs epochs completed (1-based)
   * @param loss the epoch's mean training loss
   * @param marginMedian the epoch's median training margin
   * @param free whether the run still trains freely (a switched run, or one without LAWN, is never switched)
   * @return why to switch now, or empty
   */
  Optional<String> endOfEpoch(int completedEpochs, double loss, double marginMedian, boolean free) {
    history.removeIf(o -> o.epoch() >= completedEpochs); // an epoch redone after a resume replaces its record
    history.add(new EpochObservation(completedEpochs, loss, marginMedian));
    return gate == null ? Optional.empty() : gate.decide(history, !free);
  }

  /** The observations, for the checkpoint. */
  Map<String, Object> state() {
    List<Map<String, Object>> rows = new ArrayList<>(history.size());
    for (EpochObservation o : history) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", o.epoch());
      row.put("loss", o.loss());
      row.put("margin_p50", o.marginMedian());
      rows.add(row);
    }
    return Map.of(STATE_KEY, rows);
  }

  /** Restores the observations of a checkpoint's extra fields (none in checkpoints written before them). */
  void restore(Map<String, Object> extra) {
    history.clear();
    if (extra.get(STATE_KEY) instanceof List<?> rows) {
      for (Object r : rows) {
        Map<?, ?> row = (Map<?, ?>) r;
        history.add(new EpochObservation(((Number) row.get("epoch")).intValue(), number(row.get("loss")),
            number(row.get("margin_p50"))));
      }
    } else if (extra.get("margin_medians") instanceof List<?> medians) { // older checkpoints: auto's margins only
      for (int i = 0; i < medians.size(); i++) {
        history.add(new EpochObservation(i + 1, Double.NaN, number(medians.get(i))));
      }
    }
  }

  /** JSON writes a NaN median (an epoch without margin samples) as null. */
  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
