package dev.lawn.tools;

import dev.lawn.train.UserErrors;

/** Folds a message onto one line, for the command line's one-line errors ({@link UserErrors#oneLine}). */
public final class OneLine {

  private OneLine() {}

  /**
   * The whole message on one line: a multi-line message is folded, its lines joined by "; " (by a
   * space after a colon), never cut.
   *
   * @return the folded message, {@code ""} for {@code null}
   */
  public static String of(String message) {
    return UserErrors.oneLine(message);
  }
}
