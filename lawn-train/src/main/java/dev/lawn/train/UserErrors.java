package dev.lawn.train;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.DataSetNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Which failures of a training program are the user's to fix (and so are told in one line, without a
 * stack trace), and that line. Shared by the {@code lawn} command line and {@link TrainMain}, so
 * that both programs tell the same failure the same way.
 *
 * <p>A user error is an {@link IllegalArgumentException} (the project's convention for validation in
 * constructors: the message names the option, file or line), a data set that is missing or
 * malformed, a diverged run, or an I/O failure. Anything else is a bug.
 */
public final class UserErrors {

  private UserErrors() {}

  /** Whether {@code t} is the user's to fix rather than a bug. */
  public static boolean isUserError(Throwable t) {
    return t instanceof IllegalArgumentException
        || t instanceof DataFormatException
        || t instanceof DataSetNotFoundException
        || t instanceof TrainingDivergedException
        || t instanceof IOException
        || t instanceof UncheckedIOException;
  }

  /**
   * One line naming what went wrong: a bare path (the whole message of a
   * {@link NoSuchFileException}) is said to be missing or unreadable.
   */
  public static String message(Throwable t) {
    Throwable cause = t instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : t;
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof NoSuchFileException) {
      message = "no such file or directory: " + message;
    } else if (cause instanceof AccessDeniedException) {
      message = "permission denied: " + message;
    }
    return oneLine(message);
  }

  /**
   * The whole message on one line: a multi-line message (a cause that lists places, a parser's
   * excerpt) is folded, its lines joined by "; " (by a space after a colon), never cut.
   *
   * @return the folded message, {@code ""} for {@code null}
   */
  public static String oneLine(String message) {
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
