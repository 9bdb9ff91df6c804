package dev.lawn.data.fuzz;

import dev.lawn.data.DataFormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * One reader under fuzzing: its valid seed files, how to corrupt them, how to run the reader, and
 * oracles that check an accepted parse (and, where an independent reference parser exists, that an
 * error blames the right place).
 */
interface FuzzTarget extends AutoCloseable {

  /** Short name used in reports, e.g. {@code movielens-100k}. */
  String name();

  /** The valid files of one case; each case corrupts one of them. */
  List<SeedFile> seeds();

  /** The corruptions suited to the format. */
  Corruptor corruptor();

  /** Runs the reader on the files in {@code dir}; returns what it parsed. */
  Object read(Path dir);

  /** Throws {@link AssertionError} when an accepted parse is not what the files say. */
  void verifyParse(Path dir, Object parsed);

  /** Throws {@link AssertionError} when a reported error blames the wrong file or line. */
  default void verifyError(Path dir, DataFormatException e) {}

  /**
   * Message fragments of the whole-file problems this reader may report without a line or offset:
   * things that are missing (an empty file, no data lines, a user without a companion line) rather
   * than wrong at one place. Any other error without a location is a failure.
   */
  List<String> wholeFileProblems();

  /** Releases native resources (a TF session). */
  @Override
  default void close() {}
}
