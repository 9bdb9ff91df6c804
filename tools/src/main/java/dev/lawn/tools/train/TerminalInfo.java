package dev.lawn.tools.train;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the progress display needs to know about the terminal, without a native library. */
final class TerminalInfo {

  /** Set to 1 by the {@code ./lawn} launcher when its stderr is a terminal (the JVM's is then a pipe). */
  static final String STDERR_TTY_ENV = "LAWN_STDERR_TTY";

  /** Width assumed when the terminal does not say. */
  static final int DEFAULT_COLUMNS = 80;

  private TerminalInfo() {}

  /**
   * Whether a progress bar on stderr would be seen on a terminal: stdin and stdout are one (as
   * {@link System#console()} says) and stderr is one too, or the launcher says its stderr is.
   */
  static boolean interactive() {
    if (System.console() == null) {
      return false;
    }
    if ("1".equals(System.getenv(STDERR_TTY_ENV))) {
      return true;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return true; // no /proc: trust System.console()
    }
  }

  /** The terminal's width: {@code $COLUMNS} when exported, else {@code stty size}, else 80. */
  static int columns() {
    String env = System.getenv("COLUMNS");
    if (env != null && env.matches("\\d{1,4}") && Integer.parseInt(env) > 0) {
      return Integer.parseInt(env);
    }
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return DEFAULT_COLUMNS;
    }
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+ \\d+")) {
        int columns = Integer.parseInt(out.substring(out.indexOf(' ') + 1));
        return columns > 0 ? columns : DEFAULT_COLUMNS;
      }
    } catch (IOException e) {
      return DEFAULT_COLUMNS;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT_COLUMNS;
  }
}
