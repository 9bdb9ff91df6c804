package dev.lawn.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the YAML or JSON files a run or a sweep is set up by ({@code lawn train --config}, a sweep
 * file) with one-line errors: a missing file is called missing (its path said once), a syntax error
 * names the file, line and column and keeps the parser's whole explanation.
 */
public final class ConfigFiles {

  /** SnakeYAML's position lines: {@code  in 'reader', line 2, column 9:}. */
  private static final Pattern MARK = Pattern.compile("^\\s*in '[^']*', line (\\d+), column (\\d+):?\\s*$");

  private ConfigFiles() {}

  /**
   * The file's text.
   *
   * @param label how the message names the file's origin, e.g. {@code "--config "}, or {@code ""}
   * @throws IllegalArgumentException "LABEL FILE: no such file" (or not a file, or unreadable)
   */
  public static String read(String label, Path file) {
    String name = label + file;
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(name + ": is a directory, not a file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(name + ": permission denied");
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": cannot read it: " + e.getMessage());
    }
  }

  /** Whether the file is read as JSON (its name ends in {@code .json}) rather than YAML. */
  public static boolean isJson(Path file) {
    return file.getFileName() != null
        && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /**
   * A syntax error as one line: {@code LABEL FILE:LINE:COLUMN: malformed YAML: problem (context at
   * line L, column C)}.
   */
  public static IllegalArgumentException syntaxError(String label, Path file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + Math.max(1, at.getColumnNr());
    return new IllegalArgumentException(label + file + where + ": malformed " + (isJson(file) ? "JSON" : "YAML")
        + ": " + explanation(e.getOriginalMessage()));
  }

  /**
   * The parser's explanation on one line. SnakeYAML writes "context / its position / excerpt /
   * problem / its position / excerpt"; the excerpts are dropped (the position says where), the
   * context keeps its position.
   */
  public static String explanation(String message) {
    if (message == null || message.isBlank()) {
      return "syntax error";
    }
    List<String> statements = new ArrayList<>();
    List<String> marks = new ArrayList<>();
    boolean expectMark = false;
    for (String line : message.split("\\R")) {
      Matcher mark = MARK.matcher(line);
      if (mark.matches()) {
        if (expectMark) {
          marks.set(marks.size() - 1, "line " + mark.group(1) + ", column " + mark.group(2));
        }
        expectMark = false;
      } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        statements.add(line.strip());
        marks.add(null);
        expectMark = true;
      } else {
        expectMark = false; // an excerpt or its caret
      }
    }
    if (statements.isEmpty()) {
      return message.strip().replaceAll("\\s*\\R\\s*", "; "); // no statement found: fold it whole
    }
    String problem = statements.get(statements.size() - 1);
    if (statements.size() == 1) {
      return problem;
    }
    String context = statements.get(0);
    String contextMark = marks.get(0);
    return problem + " (" + context + (contextMark == null ? "" : " at " + contextMark) + ")";
  }
}
