package dev.lawn.bench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harness from Java with only the library on the classpath: {@link TrainChild#trainMain} children
 * (lawn-train's {@code TrainMain}, no lawn-tools) are killed after a checkpoint, fail a checkpoint
 * write under a file-size limit with a one-line {@code lawn-train:} error, and resume from the
 * checkpoint kept. The command line's own program is tested the same way in lawn-tools.
 */
class TrainMainHarnessTest {

  @Test
  void diskFullCheckPassesWithTrainMainChildren(@TempDir Path work) throws Exception {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.lawn.tools.LawnCommand"));
    Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    TrainSettings settings = new TrainSettings(data, 4, 256, 1, List.of());
    List<Check> checks = new DiskFullCheck(TrainChild.trainMain(List.of("-Xshare:auto")))
        .run(List.of(OutputFault.FILE_SIZE_LIMIT), settings, work.resolve("disk"), null);
    String text = checks.stream().map(Check::toString).reduce("", (a, b) -> a + b + "\n");
    assertEquals(3, checks.size(), text);
    for (Check c : checks) {
      assertTrue(c.passed(), text);
    }
    assertTrue(checks.get(0).detail().contains("'lawn-train: ") && checks.get(0).detail().contains("File too large"), text);
  }
}
