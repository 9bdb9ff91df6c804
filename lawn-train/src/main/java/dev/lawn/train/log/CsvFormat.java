package dev.lawn.train.log;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 quoting and the quote-aware splitting {@link MetricsLog} needs to resume a CSV file. */
final class CsvFormat {

  private CsvFormat() {}

  /** The field as written: quoted (with doubled quotes) when it holds a comma, quote or newline. */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** One record line (without its line terminator). */
  static String record(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(fields.get(i)));
    }
    return line.toString();
  }

  /**
   * Splits text into records at line breaks outside quotes. Each record keeps its raw text
   * (quotes included) so that rewriting a prefix preserves the bytes; a trailing record without a
   * final newline is kept only if {@code keepUnterminated}.
   */
  static List<String> records(String text, boolean keepUnterminated) {
    List<String> records = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        records.add(text.substring(start, end));
        start = i + 1;
      }
    }
    if (start < text.length() && keepUnterminated) {
      records.add(text.substring(start));
    }
    return records;
  }

  /** Fields of one raw record. */
  static List<String> fields(String record) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields;
  }
}
