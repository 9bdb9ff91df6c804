package dev.lawn.tools.worker;

import dev.lawn.train.distributed.ClusterSpec;
import dev.lawn.train.distributed.NetworkExposure;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * {@code --trusted-network}, shared by {@code lawn worker}, {@code lawn train} and {@code lawn sweep}:
 * the user's acknowledgment that a cluster's TensorFlow servers are open, unauthenticated and
 * unencrypted, to everyone who reaches them ({@link NetworkExposure}, docs/SECURITY.md).
 *
 * <p>A picocli mixin, so that {@code lawn train}'s options-to-config mapping, which reads the
 * command's own {@code @Option} fields, never sees it: it is an acknowledgment, not a setting, and
 * is not recorded in {@code config.json}.
 */
public final class TrustedNetworkOption {

  @Option(names = NetworkExposure.FLAG,
      description = "acknowledge that cluster ports are open, without authentication or encryption, to everyone who"
          + " reaches them (needed by lawn worker, and by --cluster with hosts beyond loopback); see docs/SECURITY.md")
  boolean trustedNetwork;

  /** Whether the flag was given. */
  public boolean acknowledged() {
    return trustedNetwork;
  }

  /**
   * For a client: refuses a {@code cluster} (option value; null or blank for none) naming hosts
   * beyond loopback unless acknowledged, and prints the one-line note of a loopback cluster on
   * {@code err}. Runs before anything is contacted or written.
   *
   * @throws IllegalArgumentException naming the hosts, the risk and the flag
   */
  public void checkClient(String cluster, PrintStream err) {
    if (cluster == null || cluster.isBlank()) {
      return;
    }
    String note = NetworkExposure.requireClientAcknowledged(ClusterSpec.parse("--cluster", cluster), trustedNetwork);
    if (!note.isEmpty()) {
      err.println("lawn train: " + note);
    }
  }
}
