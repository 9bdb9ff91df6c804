package dev.lawn.data.rec;

import dev.lawn.data.DataFormatException;
import java.nio.file.Path;

/** Splits a text line on a separator and parses numeric fields, reporting errors with file and line. */
final class FieldParser {

  /** Longest text quoted from a data file in an error message. */
  static final int MAX_QUOTED_CHARS = 80;

  private final Path file;
  private final String separator;
  private final int[] starts;
  private final int[] ends;

  FieldParser(Path file, String separator, int maxFields) {
    this.file = file;
    this.separator = separator;
    this.starts = new int[maxFields];
    this.ends = new int[maxFields];
  }

  /** Splits {@code line}; returns the number of fields, at most {@code maxFields + 1} (then there were too many). */
  int split(String line) {
    int n = 0;
    int from = 0;
    while (true) {
      int at = line.indexOf(separator, from);
      if (n == starts.length) {
        return n + 1;
      }
      starts[n] = from;
      ends[n] = at < 0 ? line.length() : at;
      n++;
      if (at < 0) {
        return n;
      }
      from = at + separator.length();
    }
  }

  /** Counts fields without storing them (for error messages). */
  int count(String line) {
    int n = 1;
    for (int at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, at + separator.length())) {
      n++;
    }
    return n;
  }

  int parseInt(String line, int field, int lineNo, String what) {
    try {
      return Integer.parseInt(line, starts[field], ends[field], 10);
    } catch (NumberFormatException e) {
      throw bad(line, field, lineNo, what, "an integer");
    }
  }

  long parseLong(String line, int field, int lineNo, String what) {
    try {
      return Long.parseLong(line, starts[field], ends[field], 10);
    } catch (NumberFormatException e) {
      throw bad(line, field, lineNo, what, "an integer");
    }
  }

  double parseDouble(String line, int field, int lineNo, String what) {
    try {
      return Double.parseDouble(line.substring(starts[field], ends[field]));
    } catch (NumberFormatException e) {
      throw bad(line, field, lineNo, what, "a number");
    }
  }

  private DataFormatException bad(String line, int field, int lineNo, String what, String expected) {
    String text = excerpt(line.substring(starts[field], ends[field]));
    return DataFormatException.atLine(file, lineNo,
        what + " (column " + (field + 1) + ") is '" + text + "', expected " + expected);
  }

  /**
   * {@code text} for quoting in an error message: cut to {@link #MAX_QUOTED_CHARS} with its length
   * appended, since a corrupt file may hold a line of megabytes that must not flood the log.
   */
  static String excerpt(String text) {
    return text.length() <= MAX_QUOTED_CHARS ? text
        : text.substring(0, MAX_QUOTED_CHARS) + "... (" + text.length() + " chars)";
  }
}
