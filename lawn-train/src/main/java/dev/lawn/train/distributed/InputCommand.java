package dev.lawn.train.distributed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.TrainConfig;

/**
 * What the client tells one worker's {@link InputFeeder} when a run starts or resumes: produce the
 * batches of epochs {@code firstEpoch .. config.epochs - 1} exactly as a single process would (same
 * data, seed, shuffle, negatives, augmentation, micro-batch size), and feed towers
 * {@code firstTower .. firstTower + localTowers - 1} of {@code towers} their rows of each one.
 *
 * @param nonce names this run's queues; a new command supersedes the feeder's current one
 */
record InputCommand(String nonce, TrainConfig config, int firstEpoch, int microBatch, int towers, int firstTower,
    int localTowers) {

  private static final ObjectMapper JSON = new ObjectMapper();

  InputCommand {
    if (firstTower < 0 || localTowers < 1 || firstTower + localTowers > towers || microBatch < 1) {
      throw new IllegalArgumentException("bad input command: towers " + firstTower + "+" + localTowers + " of " + towers
          + ", micro-batch " + microBatch);
    }
  }

  @JsonIgnore
  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static InputCommand parse(String json) {
    try {
      return JSON.readValue(json, InputCommand.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable input command: " + e.getOriginalMessage());
    }
  }
}
