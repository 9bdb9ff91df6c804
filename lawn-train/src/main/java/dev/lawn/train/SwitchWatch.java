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
 * {@code auto}): it asks the rule through a {@link SwitchGate} (not before the warm-up ends, never
 * twice) on the per-epoch observations that {@link FitState} carries, and writes and reads those
 * observations in checkpoints so that a resumed run decides exactly as an uninterrupted one.
 */
final class SwitchWatch {

  /** Checkpoint key of the observations: a list of {@code {epoch, loss, margin_p50}}. */
  static final String STATE_KEY = "switch_history";

  private final SwitchGate gate;

  private SwitchWatch(SwitchGate gate) {
    this.gate = gate;
  }

  /** A watch for {@code policy}'s rule, or one that never switches for a fixed {@code E_free}. */
  static SwitchWatch of(SwitchPolicy policy, double warmupEpochs) {
    return new SwitchWatch(SwitchRules.of(policy).map(r -> new SwitchGate(r, warmupEpochs)).orElse(null));
  }

  /** A watch for {@code config}'s rule. */
  static SwitchWatch of(TrainConfig config) {
    return of(config.switchPolicy(), config.optimizer().warmupEpochs());
  }

  /** The rule's name as the run summary records it, or null for a fixed {@code --e-free}. */
  String ruleName() {
    return gate == null ? null : gate.rule().name();
  }

  /**
   * Asks the rule at the end of an epoch.
   *
   * @param history the observations of every finished epoch, the one that just ended last
   * @param free whether the run still trains freely (a switched run, or one without LAWN, is never switched)
   * @return why to switch now, or empty
   */
  Optional<String> decide(List<EpochObservation> history, boolean free) {
    return gate == null ? Optional.empty() : gate.decide(history, !free);
  }

  /** {@code history} with the epoch that just ended recorded (an epoch redone after a resume replaces its record). */
  static List<EpochObservation> record(List<EpochObservation> history, EpochObservation ended) {
    List<EpochObservation> out = new ArrayList<>(history);
    out.removeIf(o -> o.epoch() >= ended.epoch());
    out.add(ended);
    return out;
  }

  /** The observations as a checkpoint stores them. */
  static List<Map<String, Object>> toJson(List<EpochObservation> history) {
    List<Map<String, Object>> rows = new ArrayList<>(history.size());
    for (EpochObservation o : history) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", o.epoch());
      row.put("loss", o.loss());
      row.put("margin_p50", o.marginMedian());
      rows.add(row);
    }
    return rows;
  }

  /** The observations of a checkpoint's extra fields (older checkpoints: only auto's margins). */
  static List<EpochObservation> fromExtra(Map<String, Object> extra) {
    List<EpochObservation> history = new ArrayList<>();
    if (extra.get(STATE_KEY) instanceof List<?> rows) {
      for (Object r : rows) {
        Map<?, ?> row = (Map<?, ?>) r;
        history.add(new EpochObservation(((Number) row.get("epoch")).intValue(), number(row.get("loss")),
            number(row.get("margin_p50"))));
      }
    } else if (extra.get("margin_medians") instanceof List<?> medians) {
      for (int i = 0; i < medians.size(); i++) {
        history.add(new EpochObservation(i + 1, Double.NaN, number(medians.get(i))));
      }
    }
    return history;
  }

  /** JSON writes a NaN median (an epoch without margin samples) as null. */
  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
