package dev.lawn.train.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training state saved next to the variables of a checkpoint, as {@code meta.json}.
 *
 * @param epoch last completed epoch, {@code >= 0}
 * @param globalStep optimizer steps taken so far, {@code >= 0}
 * @param phase LAWN phase the run was in (e.g. {@code warmup} or {@code lawn}); free text, not blank
 * @param extra any further state needed to resume exactly: data-order seed and epoch, RNG state,
 *     best metric so far. Values must be JSON-friendly (numbers, strings, booleans, lists, maps);
 *     after a round trip through JSON, integral numbers come back as {@code Integer} or {@code
 *     Long} depending on size, so read them with {@link #extraLong} / {@link #extraDouble}.
 */
public record CheckpointMeta(int epoch, long globalStep, String phase, Map<String, Object> extra) {

  /** Validates and freezes the extra map (keeping its order). */
  public CheckpointMeta {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    if (globalStep < 0) {
      throw new IllegalArgumentException("globalStep must be >= 0, got " + globalStep);
    }
    if (phase == null || phase.isBlank()) {
      throw new IllegalArgumentException("phase must not be blank");
    }
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
  }

  /** Meta without extra state. */
  public CheckpointMeta(int epoch, long globalStep, String phase) {
    this(epoch, globalStep, phase, Map.of());
  }

  /**
   * An integral extra value.
   *
   * @throws IllegalArgumentException if the key is missing or not an integral number
   */
  public long extraLong(String key) {
    Object v = extra.get(key);
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException("checkpoint extra '" + key + "' is not an integer: " + v);
  }

  /**
   * A numeric extra value.
   *
   * @throws IllegalArgumentException if the key is missing or not a number
   */
  public double extraDouble(String key) {
    if (extra.get(key) instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("checkpoint extra '" + key + "' is not a number: " + extra.get(key));
  }
}
