package dev.lawn.data.rec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Item titles of a MovieLens folder, for recommendations people can read: {@code u.item}
 * (100k: {@code id|title|...}, Latin-1), {@code movies.dat} (1M: {@code id::title::genres}, Latin-1)
 * or {@code movies.csv} (latest: {@code movieId,title,genres}, UTF-8, titles quoted when they hold a
 * comma). Titles are a convenience, so a line that does not parse is skipped, not an error.
 */
public final class ItemTitles {

  private ItemTitles() {}

  /** The titles found in {@code dir} by item id; empty when it holds none of the files. */
  public static Map<Integer, String> find(Path dir) {
    if (dir == null) {
      return Map.of();
    }
    for (String name : List.of("u.item", "movies.dat", "movies.csv")) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return read(file);
      }
    }
    return Map.of();
  }

  /** The titles of one of the files named in the class comment, by its name. */
  public static Map<Integer, String> read(Path file) {
    String name = file.getFileName().toString();
    boolean csv = name.endsWith(".csv");
    Charset charset = csv ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    Map<Integer, String> out = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, charset)) {
      String line = csv ? in.readLine() : null; // movies.csv has a header
      while ((line = in.readLine()) != null) {
        String[] idAndTitle = csv ? csvIdAndTitle(line) : separated(line, name.equals("u.item") ? "|" : "::");
        if (idAndTitle != null) {
          try {
            out.put(Integer.parseInt(idAndTitle[0].trim()), idAndTitle[1].trim());
          } catch (NumberFormatException e) {
            // not a title row: skipped (see the class comment)
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  private static String[] separated(String line, String separator) {
    int a = line.indexOf(separator);
    if (a < 0) {
      return null;
    }
    int b = line.indexOf(separator, a + separator.length());
    return new String[] {line.substring(0, a), line.substring(a + separator.length(), b < 0 ? line.length() : b)};
  }

  /** {@code id,title,...} with the title possibly quoted ({@code "Heat, the (1995)"}). */
  private static String[] csvIdAndTitle(String line) {
    int comma = line.indexOf(',');
    if (comma < 0) {
      return null;
    }
    String rest = line.substring(comma + 1);
    if (!rest.startsWith("\"")) {
      int end = rest.indexOf(',');
      return new String[] {line.substring(0, comma), end < 0 ? rest : rest.substring(0, end)};
    }
    StringBuilder title = new StringBuilder();
    for (int i = 1; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '"') {
        if (i + 1 < rest.length() && rest.charAt(i + 1) == '"') {
          title.append('"');
          i++;
        } else {
          return new String[] {line.substring(0, comma), title.toString()};
        }
      } else {
        title.append(c);
      }
    }
    return null; // unterminated quote
  }
}
