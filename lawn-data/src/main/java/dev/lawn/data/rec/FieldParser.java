package dev.lawn.data.rec;

import dev.lawn.data.DataFormatException;
import java.nio.file.Path;

/** Splits a text line on a separator and parses numeric fields, reporting errors with file and line. */
final class FieldParser {

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
    String text = line.substring(starts[field], ends[field]);
    return DataFormatException.atLine(file, lineNo,
        what + " (column " + (field + 1) + ") is '" + text + "', expected " + expected);
  }
}
