package dev.lawn.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.train.TrainConfig;

/**
 * A trainer configuration for a benchmark: {@link TrainConfig#defaults()} with the bench's settings
 * laid over it by their snake_case keys (the same names as in a run's {@code config.json}), then
 * validated.
 */
final class BenchConfig {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode tree = JSON.valueToTree(TrainConfig.defaults());

  /** Sets one key. */
  BenchConfig set(String key, Object value) {
    tree.set(key, JSON.valueToTree(value));
    return this;
  }

  /** {@code epochs} with the default warm-up capped to them, and one checkpoint at the end. */
  BenchConfig epochs(int epochs) {
    tree.put("epochs", epochs);
    tree.put("warmup_epochs", Math.min(tree.get("warmup_epochs").asDouble(), epochs));
    tree.put("checkpoint_every", epochs);
    tree.put("keep_checkpoints", 1);
    return this;
  }

  /** The validated configuration. */
  TrainConfig build() {
    try {
      return JSON.treeToValue(tree, TrainConfig.class).validate();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("TrainConfig does not round-trip through JSON", e);
    }
  }
}
