package dev.lawn.experiments.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

  @Test
  void currentJvmPrefixPutsExtraOptionsFirstAndEndsWithMainClassAndLeadingArguments() {
    List<String> prefix = ChildJvm.forCurrentJvm(List.of("-Xss2m"), "some.Main", "train").commandPrefix();
    assertTrue(Files.isExecutable(Path.of(prefix.get(0))), prefix.get(0));
    assertEquals("-Xss2m", prefix.get(1));
    assertEquals(System.getProperty("java.class.path"), prefix.get(prefix.indexOf("-cp") + 1));
    assertEquals(List.of("some.Main", "train"), prefix.subList(prefix.size() - 2, prefix.size()));
    assertTrue(prefix.stream().noneMatch(a -> a.startsWith("-agentlib:") || a.startsWith("-javaagent:")), prefix.toString());
  }

  @Test
  void startSeparatesOrMergesStreamsAndClosesStdin(@TempDir Path dir) throws Exception {
    // `java -version` prints on stderr: with err null it lands in out, otherwise in err.
    String java = ChildJvm.forCurrentJvm(List.of(), "unused").commandPrefix().get(0);
    ChildJvm child = new ChildJvm(List.of(java, "-Xshare:auto"));
    Path merged = dir.resolve("merged.log");
    assertEquals(0, child.start(List.of("-version"), ProcessBuilder.Redirect.to(merged.toFile()), null,
        ChildJvm.NO_FILE_LIMIT).waitFor());
    assertTrue(Files.readString(merged).contains("version"), Files.readString(merged));

    Path out = dir.resolve("out.log");
    Path err = dir.resolve("err.log");
    assertEquals(0, child.start(List.of("-version"), ProcessBuilder.Redirect.to(out.toFile()),
        ProcessBuilder.Redirect.to(err.toFile()), ChildJvm.NO_FILE_LIMIT).waitFor());
    assertEquals("", Files.readString(out));
    assertTrue(Files.readString(err).contains("version"));
  }

  @Test
  void rejectsAnEmptyCommandAndANegativeFileLimit() {
    assertThrows(IllegalArgumentException.class, () -> new ChildJvm(List.of()));
    ChildJvm child = new ChildJvm(List.of("true"));
    assertThrows(IllegalArgumentException.class,
        () -> child.start(List.of(), ProcessBuilder.Redirect.DISCARD, null, -2));
  }
}
