package dev.lawn.data.fuzz;

import dev.lawn.data.rec.RatingsFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An independent reading of a ratings file by the rules {@code lawn-data/README.md} and
 * {@link RatingsFormat} state, written the plain way (String.split, whole-string parsing): the
 * oracle that says whether {@code RatingsReader} should accept a file, what it should return, and
 * which line it should blame.
 */
final class ReferenceRatings {

  /** One interaction: ids, timestamp (0 when the optional column is missing) and 1-based line. */
  record Row(int user, int item, long timestamp, int line) {}

  /**
   * The outcome: rows when valid; otherwise the first bad line, or a whole-file problem
   * ({@code "empty"} or {@code "no interactions"}).
   */
  record Parse(List<Row> rows, int badLine, String wholeFileProblem) {
    boolean valid() {
      return badLine == 0 && wholeFileProblem == null;
    }
  }

  private ReferenceRatings() {}

  static Parse parse(byte[] bytes, RatingsFormat format) {
    List<String> lines = splitLines(new String(bytes, StandardCharsets.ISO_8859_1));
    int first = 0;
    if (format.header() != null) {
      if (lines.isEmpty()) {
        return new Parse(List.of(), 0, "empty");
      }
      String h = lines.get(0);
      if (h.startsWith("\u00EF\u00BB\u00BF")) {
        h = h.substring(3);
      }
      if (!h.trim().equals(format.header())) {
        return new Parse(List.of(), 1, null);
      }
      first = 1;
    }
    List<Row> rows = new ArrayList<>();
    String sep = Pattern.quote(format.separator());
    for (int i = first; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(sep, -1);
      boolean withTimestamp = f.length == 4;
      if (!withTimestamp && !(format.timestampOptional() && f.length == 3)) {
        return new Parse(List.of(), i + 1, null);
      }
      try {
        int user = Integer.parseInt(f[0]);
        int item = Integer.parseInt(f[1]);
        Double.parseDouble(f[2]);
        long ts = withTimestamp ? Long.parseLong(f[3]) : 0L;
        rows.add(new Row(user, item, ts, i + 1));
      } catch (NumberFormatException e) {
        return new Parse(List.of(), i + 1, null);
      }
    }
    return rows.isEmpty() ? new Parse(rows, 0, "no interactions") : new Parse(rows, 0, null);
  }

  /** Lines split where {@link java.io.BufferedReader#readLine} splits them. */
  static List<String> splitLines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(s.substring(start, i));
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < s.length()) {
      out.add(s.substring(start));
    }
    return out;
  }
}
