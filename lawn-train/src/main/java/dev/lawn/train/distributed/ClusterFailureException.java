package dev.lawn.train.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A worker of the cluster is unreachable, died, or did not answer in time. The message names the
 * cluster, what failed and what to do; the run's last checkpoint stays usable, and re-running the
 * same command once the workers are up resumes from it.
 *
 * <p>An {@link UncheckedIOException} (a network failure is an I/O failure), so the command line
 * reports it in one line like other I/O errors.
 */
public final class ClusterFailureException extends UncheckedIOException {

  private static final long serialVersionUID = 1L;

  public ClusterFailureException(String message) {
    this(message, null);
  }

  /** @param cause the TensorFlow error, or null */
  public ClusterFailureException(String message, Throwable cause) {
    super(message, new IOException(message, cause));
  }
}
