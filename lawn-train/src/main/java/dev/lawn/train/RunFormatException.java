package dev.lawn.train;

import java.nio.file.Path;

/**
 * A run file that cannot be read as the run-directory contract says; the message names the file
 * and line ({@code runs/a/metrics.jsonl:3: malformed JSON: ...}) and fits on one line.
 */
public final class RunFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** A problem at a given line (1-based) of a file. */
  public RunFormatException(Path file, long line, String problem) {
    super(file + ":" + line + ": " + oneLine(problem));
  }

  /** A problem with a file as a whole. */
  public RunFormatException(Path file, String problem) {
    super(file + ": " + oneLine(problem));
  }

  /** A parser's message may span lines; the command line shows one. */
  private static String oneLine(String problem) {
    return problem == null ? "" : problem.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
