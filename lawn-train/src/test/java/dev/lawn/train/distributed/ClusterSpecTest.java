package dev.lawn.train.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSpecTest {

  @Test
  void flagsAndFilesGiveTheSameCluster(@TempDir Path dir) throws IOException {
    ClusterSpec flags = ClusterSpec.parse("--cluster", "host-a:2222, host-b:2223");
    Path file = Files.writeString(dir.resolve("cluster.txt"), "# two machines\nhost-a:2222\n\nhost-b:2223  # second\n");
    ClusterSpec fromFile = ClusterSpec.parse("--cluster", file.toString());
    assertEquals(List.of("host-a:2222", "host-b:2223"), flags.addresses());
    assertEquals(flags.addresses(), fromFile.addresses());
    assertEquals("grpc://host-b:2223", fromFile.target(1));
    assertEquals("worker", flags.clusterDef().getJob(0).getName());
    assertEquals("host-b:2223", flags.clusterDef().getJob(0).getTasksMap().get(1));
    assertEquals(1, flags.serverDef(1, org.tensorflow.proto.ConfigProto.getDefaultInstance()).getTaskIndex());
  }

  @Test
  void mistakesNameTheOptionFileAndLine(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.txt"), "host-a:2222\nhost-b\n");
    var line = assertThrows(IllegalArgumentException.class, () -> ClusterSpec.parse("--cluster", file.toString()));
    assertEquals("--cluster " + file + " line 2: 'host-b' is not host:port", line.getMessage());
    var missing = assertThrows(IllegalArgumentException.class, () -> ClusterSpec.parse("--cluster", "nosuchfile"));
    assertTrue(missing.getMessage().contains("no cluster file of that name"), missing.getMessage());
    var port = assertThrows(IllegalArgumentException.class, () -> ClusterSpec.parse("--cluster", "a:0"));
    assertTrue(port.getMessage().contains("port 0"), port.getMessage());
    var twice = assertThrows(IllegalArgumentException.class, () -> ClusterSpec.parse("--cluster", "a:1,a:1"));
    assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    Path empty = Files.writeString(dir.resolve("empty.txt"), "# nobody\n");
    var none = assertThrows(IllegalArgumentException.class, () -> ClusterSpec.parse("--cluster", empty.toString()));
    assertTrue(none.getMessage().endsWith("no worker addresses"), none.getMessage());
    var task = assertThrows(IllegalArgumentException.class, () -> ClusterSpec.parse("--cluster", "a:1").address(1));
    assertTrue(task.getMessage().startsWith("--task 1 is not in 0..0"), task.getMessage());
  }
}
