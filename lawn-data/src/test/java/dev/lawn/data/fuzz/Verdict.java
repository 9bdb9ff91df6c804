package dev.lawn.data.fuzz;

/** How one fuzz case ended. */
enum Verdict {
  /** The reader accepted the file and the oracle agreed with what it parsed. */
  PARSED,
  /** A {@code DataFormatException} naming the file and a line or byte offset inside it. */
  LOCATED_ERROR,
  /** A {@code DataFormatException} naming the file for something missing (see {@link FuzzTarget#wholeFileProblems}). */
  WHOLE_FILE_ERROR,
  /** Anything else: another exception, an error without location, a wrong parse, a timeout, an OutOfMemoryError. */
  FAILURE
}
