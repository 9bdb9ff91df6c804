package dev.lawn.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code RUN_DIR/failure.json}: why the trainer itself ended a run with an error (a diverged loss, a
 * failed write, a bug), so that {@code lawn status} can tell a failed run from one that was only
 * stopped. Written by the training loop as it fails (or by {@link Trainer} when building the graph
 * fails after it locked the folder), removed when training starts again; a run killed from outside
 * leaves none, and an attempt that fails before it locks the folder (its data missing) leaves an
 * older record as it was.
 */
public final class RunFailure {

  /** The file's name inside the run folder. */
  public static final String FILE = "failure.json";

  /** The epoch recorded for a failure after the folder was locked but before the first epoch began (building the graph). */
  static final int BEFORE_TRAINING = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunFailure() {}

  /**
   * Records {@code error} after {@code completedEpochs} epochs ({@link #BEFORE_TRAINING}: before the
   * loop began). Best effort: a folder that cannot take
   * a small file (a full disk) keeps the error that is being thrown, with this one suppressed in it.
   */
  static void record(Path runDir, Throwable error, int completedEpochs) {
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put("error", error.getClass().getSimpleName());
    failure.put("message", UserErrors.oneLine(String.valueOf(error.getMessage())));
    failure.put("epoch", completedEpochs);
    failure.put("time", Instant.now().toString());
    try {
      RunDirectory.writeJsonAtomically(runDir.resolve(FILE), failure);
    } catch (IOException | RuntimeException e) {
      error.addSuppressed(e);
    }
  }

  /** Removes the record of an earlier failure: the run is being trained again. */
  static void clear(Path runDir) throws IOException {
    Files.deleteIfExists(runDir.resolve(FILE));
  }

  /**
   * The recorded failure as one line ({@code TrainingDivergedException after epoch 1: training loss is
   * NaN ...}), empty when there is none; an unreadable file reads as such rather than failing.
   */
  public static Optional<String> read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      String when = node.path("epoch").asInt(0) == BEFORE_TRAINING ? " before training"
          : " after epoch " + node.path("epoch").asText("?");
      return Optional.of(node.path("error").asText("error") + when + ": " + node.path("message").asText(""));
    } catch (IOException e) {
      return Optional.of(FILE + " is unreadable");
    }
  }
}
