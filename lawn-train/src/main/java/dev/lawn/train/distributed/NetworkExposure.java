package dev.lawn.train.distributed;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a cluster exposes on the network, and the acknowledgment ({@value #FLAG}) lawn asks for
 * before exposing it.
 *
 * <p>A worker is TensorFlow's gRPC server: it runs whatever graph a client sends, and graphs read
 * and write files and run arbitrary ops, so whoever reaches its port runs code with the worker's
 * rights. TensorFlow 2.18 (TF-Java 1.1.0) listens on {@code 0.0.0.0:PORT} whatever host the cluster
 * names (gRPC makes that every IPv4 and IPv6 address of the machine) with insecure credentials, and
 * {@code ServerDef} has no field for a listen address or credentials (only {@code port}); see
 * docs/SECURITY.md. So:
 *
 * <ul>
 *   <li>a worker starts only with the acknowledgment, even for a loopback cluster, and then says on
 *       which port and interfaces it listens;
 *   <li>a client whose cluster names any host beyond loopback needs it too: its model, data and
 *       steps then cross the network unencrypted, to servers anyone there can use;
 *   <li>a client of a loopback-only cluster needs none (it opens no port, its traffic stays on the
 *       machine, and its workers were acknowledged when started) but is reminded that those workers
 *       still listen on every interface.
 * </ul>
 */
public final class NetworkExposure {

  /** The acknowledgment's command-line flag. */
  public static final String FLAG = "--trusted-network";
  /** Where the threat model is written down, relative to the checkout. */
  public static final String DOC = "docs/SECURITY.md";

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private NetworkExposure() {}

  /**
   * Refuses to start task {@code task} of {@code cluster} without the acknowledgment.
   *
   * @throws IllegalArgumentException one line naming the risk and {@value #FLAG}
   */
  public static void requireWorkerAcknowledged(ClusterSpec cluster, int task, boolean acknowledged) {
    if (!acknowledged) {
      throw new IllegalArgumentException("refusing to serve port " + cluster.port(task) + ": a worker runs any"
          + " TensorFlow graph sent to it, on every interface, without authentication or encryption, so anyone who"
          + " reaches the port runs code as this user; on a trusted network only, acknowledge with " + FLAG
          + " (see " + DOC + ")");
    }
  }

  /** The line a worker prints once it listens: the port and the interfaces it listens on. */
  public static String workerWarning(ClusterSpec cluster, int task) {
    return "warning: listening on port " + cluster.port(task) + " of every interface (" + interfaces()
        + "), whatever host --cluster names, without authentication or encryption: anyone who reaches it runs code"
        + " as this user (see " + DOC + ")";
  }

  /**
   * Refuses a client whose cluster names a host beyond loopback without the acknowledgment.
   *
   * @return the warning to print for a loopback-only cluster, or empty when there is none to print
   * @throws IllegalArgumentException one line naming the hosts, the risk and {@value #FLAG}
   */
  public static String requireClientAcknowledged(ClusterSpec cluster, boolean acknowledged) {
    List<String> remote = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      if (!isLoopback(cluster.host(i))) {
        remote.add(cluster.host(i));
      }
    }
    if (remote.isEmpty()) {
      return "note: the workers of this loopback cluster still listen on every interface, not only on loopback"
          + " (TensorFlow cannot bind one interface; see " + DOC + ")";
    }
    if (!acknowledged) {
      throw new IllegalArgumentException("--cluster names hosts beyond this machine (" + String.join(", ", remote)
          + "): the model, the data and every step would cross the network unencrypted, to workers that run any"
          + " graph anyone there sends them; on a trusted network only, acknowledge with " + FLAG + " (see " + DOC
          + ")");
    }
    return "";
  }

  /**
   * Whether {@code host} is this machine's loopback: {@code localhost} (or a name under it) or a
   * literal address in 127.0.0.0/8 or {@code ::1}. Other names are not looked up, so they count as
   * remote: a name's address can change between this check and its use, and looking it up would
   * already contact a name server.
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (IPV4.matcher(h).matches()) { // by hand: InetAddress would look up a malformed literal as a name
      String[] octets = h.split("\\.");
      for (String o : octets) {
        if (Integer.parseInt(o) > 255 || (o.length() > 1 && o.startsWith("0"))) {
          return false; // a leading zero may be read as octal by the resolver: not obviously loopback
        }
      }
      return octets[0].equals("127");
    }
    if (!h.contains(":")) {
      return false; // a name
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // an IPv6 literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** An address as people write it: no IPv6 scope, the longest run of zero groups as {@code ::}. */
  static String shortText(InetAddress a) {
    String text = a.getHostAddress();
    int scope = text.indexOf('%');
    text = scope < 0 ? text : text.substring(0, scope);
    if (!(a instanceof Inet6Address)) {
      return text;
    }
    String[] groups = text.split(":");
    int bestStart = -1;
    int bestLength = 1; // a single zero group stays "0"
    for (int i = 0; i < groups.length; i++) {
      groups[i] = groups[i].replaceFirst("^0+(?=.)", "");
      int j = i;
      while (j < groups.length && groups[j].replaceFirst("^0+(?=.)", "").equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }

  /** This machine's interfaces that are up, with their addresses ({@code lo 127.0.0.1 ::1, eth0 ...}). */
  static String interfaces() {
    List<String> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
        if (!nif.isUp() || !nif.getInetAddresses().hasMoreElements()) {
          continue;
        }
        StringBuilder s = new StringBuilder(nif.getName());
        for (InetAddress a : nif.inetAddresses().toList()) {
          s.append(' ').append(shortText(a));
        }
        out.add(s.toString());
      }
    } catch (SocketException e) {
      return "0.0.0.0 and ::, interfaces not listed: " + e.getMessage();
    }
    return out.isEmpty() ? "0.0.0.0 and ::" : "0.0.0.0 and ::, i.e. " + String.join(", ", out);
  }
}
