package dev.lawn.tools;

/** Folds a message onto one line, for the command line's one-line errors. */
public final class OneLine {

  private OneLine() {}

  /**
   * The whole message on one line: a multi-line message (a cause that lists places, a parser's
   * excerpt) is folded, its lines joined by "; " (by a space after a colon), never cut.
   *
   * @return the folded message, {@code ""} for {@code null}
   */
  public static String of(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder line = new StringBuilder();
    for (String part : message.split("\\R")) {
      String text = part.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (line.length() > 0) {
        char last = line.charAt(line.length() - 1);
        line.append(last == ':' || last == ';' || last == ',' ? " " : "; ");
      }
      line.append(text);
    }
    return line.toString();
  }
}
