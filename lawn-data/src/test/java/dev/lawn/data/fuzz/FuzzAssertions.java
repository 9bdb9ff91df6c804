package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every fuzz test demands of its report. */
final class FuzzAssertions {

  private FuzzAssertions() {}

  /**
   * Zero failures, and evidence that the run explored both sides: some corruptions still parse and
   * some are rejected with a location (a run where everything fails the same way tests nothing).
   */
  static void assertClean(FuzzReport report) {
    assertEquals(0, report.count(Verdict.FAILURE), report::details);
    assertTrue(report.count(Verdict.LOCATED_ERROR) > 0, report::details);
  }

  /**
   * For formats whose decoder cannot say where the data is broken (TF's DecodeJpeg reports no
   * offset): zero failures, some parses and some typed rejections.
   */
  static void assertCleanUnlocated(FuzzReport report) {
    assertEquals(0, report.count(Verdict.FAILURE), report::details);
    assertTrue(report.count(Verdict.PARSED) > 0, report::details);
    assertTrue(report.count(Verdict.LOCATED_ERROR) + report.count(Verdict.WHOLE_FILE_ERROR) > 0, report::details);
  }

  /** As {@link #assertClean}, and some corruptions were accepted as valid files. */
  static void assertCleanWithParses(FuzzReport report) {
    assertClean(report);
    assertTrue(report.count(Verdict.PARSED) > 0, report::details);
  }
}
