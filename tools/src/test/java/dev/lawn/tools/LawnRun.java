package dev.lawn.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One in-process run of the {@code lawn} command line for tests: what {@link LawnCommand#execute}
 * returned and what it printed.
 *
 * @param code the exit code
 * @param out everything printed on the command's stdout
 * @param err everything printed on the command's stderr
 */
public record LawnRun(int code, String out, String err) {

  /** Runs {@code lawn args...} through {@link LawnCommand#execute}, capturing stdout and stderr. */
  public static LawnRun lawn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LawnCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new LawnRun(code, out.toString(), err.toString());
  }

  /** {@link #lawn(String...)} with the arguments in a list. */
  public static LawnRun lawn(List<String> args) {
    return lawn(args.toArray(String[]::new));
  }

  /** Asserts exit code 0, with stderr as the failure message; returns this run for further checks. */
  public LawnRun ok() {
    assertEquals(0, code, err);
    return this;
  }

  /**
   * Asserts that the run failed (a non-zero exit code) with its error whole on one line of stderr, as
   * the developer guide asks of bad input; returns that line.
   */
  public String failureLine() {
    assertTrue(code != 0, "the command should fail: " + err);
    String[] lines = err.strip().split("\n");
    assertEquals(1, lines.length, "one line: " + err);
    return lines[0];
  }

  /** The lines printed on stderr; none when nothing was. */
  public List<String> errLines() {
    return err.isEmpty() ? List.of() : List.of(err.split("\n"));
  }
}
