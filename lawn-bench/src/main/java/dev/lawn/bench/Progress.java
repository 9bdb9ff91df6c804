package dev.lawn.bench;

import java.io.PrintWriter;

/** One-line progress messages on stderr, so that stdout holds only the report. */
@FunctionalInterface
public interface Progress {

  /** Tells the user what is being measured now. */
  void say(String message);

  /** Messages to {@code err}, prefixed with {@code lawn bench: }. */
  static Progress to(PrintWriter err) {
    return message -> {
      err.println("lawn bench: " + message);
      err.flush();
    };
  }

  /** No messages (tests). */
  static Progress silent() {
    return message -> {};
  }
}
