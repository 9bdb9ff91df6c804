package dev.lawn.tools;

/**
 * The {@code lawn} program's contract with whoever runs it: its exit codes and the class whose
 * {@code main} starts it.
 *
 * <p>Subcommands use these instead of referring to {@link LawnCommand}, which lists the subcommands:
 * that keeps the imports one-way (the top command knows its subcommands, not the reverse).
 */
public final class LawnProgram {

  /** Success. */
  public static final int EXIT_OK = 0;
  /** A command failed: bad input, a failed run, an I/O error. */
  public static final int EXIT_ERROR = 1;
  /** picocli rejected the command line. */
  public static final int EXIT_USAGE = 2;

  /**
   * The class the {@code ./lawn} launcher runs, and child JVMs too ({@code lawn sweep} and the
   * reliability harnesses start {@code lawn train} this way; the benchmarks' children run lawn-bench's
   * own main classes). A name rather than
   * a class literal, so that naming it does not import the top command; a test checks it.
   */
  public static final String MAIN_CLASS = "dev.lawn.tools.LawnCommand";

  private LawnProgram() {}
}
