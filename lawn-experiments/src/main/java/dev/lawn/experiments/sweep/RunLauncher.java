package dev.lawn.experiments.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one {@code lawn train} to completion. The sweep calls it from several threads at once (up
 * to {@code parallel}); tests substitute a fake trainer.
 */
@FunctionalInterface
public interface RunLauncher {

  /**
   * Runs the trainer with the given arguments (everything after {@code lawn train}), appending
   * its stdout and stderr to {@code logFile}, and waits for it.
   *
   * @return the trainer's exit code (0 = success)
   * @throws InterruptedException when the sweep is interrupted; the trainer is stopped
   */
  int run(List<String> trainArguments, Path logFile) throws IOException, InterruptedException;
}
