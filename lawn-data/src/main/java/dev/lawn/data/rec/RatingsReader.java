package dev.lawn.data.rec;

import dev.lawn.data.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a ratings file ({@link RatingsFormat}) into {@link Interactions}. Every rating counts as an
 * implicit positive (the NCF protocol); the rating itself is only checked to be numeric. Blank lines
 * are skipped; everything else must have exactly four columns (or three where the format's timestamp
 * is optional).
 */
public final class RatingsReader {

  private RatingsReader() {}

  /**
   * Reads the whole file.
   *
   * @throws DataFormatException naming the file and line for an empty file, a missing header, a
   *     wrong column count or a non-numeric field
   */
  public static Interactions read(Path file, RatingsFormat format) {
    Interactions.Builder out = new Interactions.Builder(file);
    FieldParser fields = new FieldParser(file, format.separator(), RatingsFormat.COLUMNS);
    // ISO-8859-1 never fails to decode, so a stray byte is reported as a bad field, not an I/O error.
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      int lineNo = 0;
      String line;
      if (format.header() != null) {
        line = in.readLine();
        lineNo++;
        if (line == null) {
          throw DataFormatException.inFile(file, "file is empty (expected header '" + format.header() + "')");
        }
        if (!stripBom(line).trim().equals(format.header())) {
          throw DataFormatException.atLine(file, lineNo,
              "header is '" + FieldParser.excerpt(line) + "', expected '" + format.header() + "'");
        }
      }
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        int n = fields.split(line);
        boolean withTimestamp = n == RatingsFormat.COLUMNS;
        if (!withTimestamp && !(format.timestampOptional() && n == RatingsFormat.COLUMNS - 1)) {
          throw DataFormatException.atLine(file, lineNo, "expected " + (format.timestampOptional() ? "3 or " : "")
              + RatingsFormat.COLUMNS + " columns separated by '" + printable(format.separator()) + "', found "
              + fields.count(line));
        }
        int user = fields.parseInt(line, 0, lineNo, "user id");
        int item = fields.parseInt(line, 1, lineNo, "item id");
        fields.parseDouble(line, 2, lineNo, "rating");
        long ts = withTimestamp ? fields.parseLong(line, 3, lineNo, "timestamp") : 0L;
        out.add(user, item, ts, lineNo);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Interactions result = out.build();
    if (result.size() == 0) {
      throw DataFormatException.inFile(file, "file has no interactions");
    }
    return result;
  }

  // A UTF-8 byte order mark, as decoded by ISO-8859-1 (spreadsheet exports write one).
  private static String stripBom(String s) {
    return s.startsWith("\u00EF\u00BB\u00BF") ? s.substring(3) : s;
  }

  private static String printable(String sep) {
    return sep.equals("\t") ? "\\t" : sep;
  }
}
