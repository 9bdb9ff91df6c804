package dev.lawn.train.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which hosts count as loopback, and what a worker and a client are told or refused. */
class NetworkExposureTest {

  @Test
  void onlyLiteralLoopbackAddressesAndLocalhostAreLoopback() {
    for (String host : new String[] {"localhost", "LOCALHOST", "a.localhost", "127.0.0.1", "127.1.2.3", "::1",
        "0:0:0:0:0:0:0:1"}) {
      assertTrue(NetworkExposure.isLoopback(host), host);
    }
    // Names are never looked up; 0.0.0.0 is every interface; a leading zero may be octal to a resolver.
    for (String host : new String[] {"192.0.2.1", "0.0.0.0", "::", "fd00::2", "host-a", "localhost.example.com",
        "0127.0.0.1", "127.0.0.256", "128.0.0.1"}) {
      assertFalse(NetworkExposure.isLoopback(host), host);
    }
  }

  @Test
  void aClientOfRemoteHostsNeedsTheAcknowledgment() {
    ClusterSpec cluster = ClusterSpec.parse("--cluster", "localhost:2222,192.0.2.1:2222,[::1]:2223");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkExposure.requireClientAcknowledged(cluster, false));
    assertTrue(e.getMessage().startsWith("--cluster names hosts beyond this machine (192.0.2.1): "), e.getMessage());
    assertTrue(e.getMessage().contains("--trusted-network"), e.getMessage());
    assertEquals("", NetworkExposure.requireClientAcknowledged(cluster, true));
  }

  @Test
  void aLoopbackClientNeedsNoneButIsReminded() {
    ClusterSpec cluster = ClusterSpec.parse("--cluster", "127.0.0.1:2222,localhost:2223,[::1]:2224");
    assertTrue(NetworkExposure.requireClientAcknowledged(cluster, false).startsWith(
        "note: the workers of this loopback cluster still listen on every interface"));
  }

  @Test
  void aWorkerNeedsTheAcknowledgmentEvenOnLoopback() {
    ClusterSpec cluster = ClusterSpec.parse("--cluster", "127.0.0.1:2222,127.0.0.1:2223");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkExposure.requireWorkerAcknowledged(cluster, 1, false));
    assertTrue(e.getMessage().startsWith("refusing to serve port 2223: "), e.getMessage());
    NetworkExposure.requireWorkerAcknowledged(cluster, 1, true);
    String warning = NetworkExposure.workerWarning(cluster, 1);
    assertTrue(warning.startsWith("warning: listening on port 2223 of every interface (0.0.0.0 and ::"), warning);
    assertTrue(warning.contains("127.0.0.1"), warning); // the loopback interface is listed with its address
  }

  @Test
  void addressesAreShownShort() throws Exception {
    assertEquals("::1", NetworkExposure.shortText(java.net.InetAddress.getByName("::1")));
    assertEquals("fd00::2", NetworkExposure.shortText(java.net.InetAddress.getByName("fd00:0:0:0:0:0:0:2")));
    assertEquals("fe80::fc:ff:fe00:1", NetworkExposure.shortText(java.net.InetAddress.getByName("fe80::fc:ff:fe00:1%1")));
    assertEquals("1:0:2::3", NetworkExposure.shortText(java.net.InetAddress.getByName("1:0:2:0:0:0:0:3")));
    assertEquals("192.0.2.2", NetworkExposure.shortText(java.net.InetAddress.getByName("192.0.2.2")));
  }

  @Test
  void hostsAndPortsAreReadFromTheAddresses() {
    ClusterSpec cluster = ClusterSpec.parse("--cluster", "host-a:2222,[fd00::2]:3333");
    assertEquals("host-a", cluster.host(0));
    assertEquals(2222, cluster.port(0));
    assertEquals("fd00::2", cluster.host(1));
    assertEquals(3333, cluster.port(1));
    assertTrue(cluster.workerCommand(1).endsWith(" --task 1 --trusted-network"));
  }
}
