package dev.lawn.train.checkpoint;

import java.nio.file.Path;

/**
 * A complete checkpoint on disk: a directory holding the TensorFlow variable files under the
 * prefix {@value #VARIABLES_PREFIX} and the training state in {@value #META_FILE}.
 *
 * @param dir the checkpoint directory
 * @param meta its training state
 */
public record Checkpoint(Path dir, CheckpointMeta meta) {

  /** File-name prefix passed to {@code Session.save}/{@code restore} inside the directory. */
  public static final String VARIABLES_PREFIX = "variables";
  /** TensorFlow's index file for {@link #VARIABLES_PREFIX}. */
  public static final String INDEX_FILE = VARIABLES_PREFIX + ".index";
  /** Training state file. */
  public static final String META_FILE = "meta.json";

  /** The prefix to hand to {@code Session.save}/{@code restore}. */
  public String variablesPrefix() {
    return dir.resolve(VARIABLES_PREFIX).toString();
  }
}
