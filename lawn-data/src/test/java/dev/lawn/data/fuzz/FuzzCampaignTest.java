package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: each way a reader can misbehave must end as a FAILURE, a clean error must not. */
class FuzzCampaignTest {

  private static final byte[] SEED = "1,2\n3,4\n".getBytes();
  private static final int CASES = 6;

  @TempDir Path work;
  @TempDir Path output;

  /** What the fake reader does with a corrupted file (the seed itself always parses). */
  private enum Behaviour {
    LOCATED_ERROR, UNTYPED_EXCEPTION, OUT_OF_MEMORY, HANG, WRONG_PARSE, NO_LOCATION, LINE_BEYOND_END, OTHER_FILE,
    ENORMOUS_MESSAGE
  }

  private static class FakeTarget extends SeededTarget {
    private final Behaviour behaviour;

    FakeTarget(Behaviour behaviour) {
      super("fake-" + behaviour, List.of(SeedFile.text("f.csv", new String(SEED), ",")), Corruptor.forText(1 << 20),
          List.of("file is empty"));
      this.behaviour = behaviour;
    }

    @Override
    public Object read(Path dir) {
      Path file = dir.resolve("f.csv");
      if (Arrays.equals(FuzzFiles.read(file), SEED)) {
        return "ok";
      }
      switch (behaviour) {
        case LOCATED_ERROR:
          throw DataFormatException.atLine(file, 1, "bad");
        case UNTYPED_EXCEPTION:
          throw new ArrayIndexOutOfBoundsException(3);
        case OUT_OF_MEMORY:
          return new long[Integer.MAX_VALUE - 16];
        case HANG:
          while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
          }
          return "interrupted";
        case WRONG_PARSE:
          return "not ok";
        case NO_LOCATION:
          throw DataFormatException.inFile(file, "bad somewhere");
        case LINE_BEYOND_END:
          throw DataFormatException.atLine(file, 1000, "bad");
        case OTHER_FILE:
          throw DataFormatException.atLine(dir.resolve("elsewhere.csv"), 1, "bad");
        default:
          throw DataFormatException.atLine(file, 1, "x".repeat(10_000));
      }
    }

    @Override
    public void verifyParse(Path dir, Object parsed) {
      assertEquals("ok", parsed);
    }
  }

  private FuzzReport run(Behaviour b, Duration timeout) {
    return FuzzCampaign.run(new FakeTarget(b), new FuzzSettings(CASES, 1L, timeout, 1 << 20), work, output, false);
  }

  @Test
  void aCleanLocatedErrorIsNotAFailure() {
    FuzzReport r = run(Behaviour.LOCATED_ERROR, Duration.ofSeconds(5));
    assertEquals(0, r.count(Verdict.FAILURE), r::details);
    assertTrue(r.cases() > CASES, "boundary truncations come on top of the random cases");
    assertEquals(r.cases(), r.count(Verdict.LOCATED_ERROR) + r.count(Verdict.PARSED), r::details);
  }

  @Test
  void everyMisbehaviourIsAFailure() {
    for (Behaviour b : new Behaviour[] {Behaviour.UNTYPED_EXCEPTION, Behaviour.OUT_OF_MEMORY, Behaviour.WRONG_PARSE,
        Behaviour.NO_LOCATION, Behaviour.LINE_BEYOND_END, Behaviour.OTHER_FILE, Behaviour.ENORMOUS_MESSAGE}) {
      FuzzReport r = run(b, Duration.ofSeconds(5));
      // Corruptions that leave the bytes unchanged (a stacked no-op) still parse.
      assertEquals(r.cases(), r.count(Verdict.FAILURE) + r.count(Verdict.PARSED), r::details);
      assertTrue(r.count(Verdict.FAILURE) >= CASES, b + ": " + r.details());
    }
    assertTrue(Files.isDirectory(output.resolve("fuzz-failures").resolve("fake-WRONG_PARSE")),
        "failing cases are saved");
  }

  @Test
  void hangsAreCutByTheTimeoutAndStopTheRun() {
    FuzzReport r = run(Behaviour.HANG, Duration.ofMillis(200));
    assertEquals(3, r.count(Verdict.FAILURE), r::details);
    assertTrue(r.details().contains("timeout after 200 ms") && r.details().contains("stopped after 3 timeouts"),
        r::details);
  }

  @Test
  void seedsThatDoNotParseStopTheRunAtOnce() {
    FuzzTarget broken = new FakeTarget(Behaviour.LOCATED_ERROR) {
      @Override
      public Object read(Path dir) {
        throw DataFormatException.atLine(dir.resolve("f.csv"), 1, "always");
      }
    };
    assertThrows(AssertionError.class,
        () -> FuzzCampaign.run(broken, new FuzzSettings(CASES, 1L, Duration.ofSeconds(5), 1 << 20), work, output,
            false));
  }
}
