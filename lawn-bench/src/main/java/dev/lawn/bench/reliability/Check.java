package dev.lawn.bench.reliability;

/**
 * One verified property of a reliability run.
 *
 * @param name what was checked
 * @param passed whether it holds
 * @param detail the measured evidence (counts, differences, the first mismatch)
 */
public record Check(String name, boolean passed, String detail) {

  @Override
  public String toString() {
    return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
  }
}
