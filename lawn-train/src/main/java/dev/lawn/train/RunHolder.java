package dev.lawn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a live process holds a run folder, found without touching the lock (see {@link
 * RunStatus#read}): this JVM's {@link RunLock} table first, else the PID the lock file records.
 */
final class RunHolder {

  private RunHolder() {}

  /**
   * The live process that holds {@code runDir} (this JVM's handle when this JVM holds it), or empty;
   * what cannot be read is added to {@code problems}.
   */
  static Optional<ProcessHandle> holder(Path runDir, List<String> problems) {
    return RunLock.isHeldByThisProcess(runDir) ? Optional.of(ProcessHandle.current()) : other(runDir, problems);
  }

  /**
   * Whether {@code process} is stopped by a signal (SIGSTOP, SIGTSTP: {@code kill -STOP}, Ctrl-Z), as
   * Linux's {@code /proc/PID/stat} says; false where there is no such file (another system).
   */
  static boolean isPaused(ProcessHandle process) {
    try {
      return stoppedState(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether a {@code /proc/PID/stat} line shows a stopped process: its state, the field after the
   * command in parentheses (which may itself hold spaces and parentheses), is {@code T} or {@code t}.
   */
  static boolean stoppedState(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.length()) {
      return false;
    }
    char state = stat.charAt(close + 2);
    return state == 'T' || state == 't';
  }

  /** The live Java process other than this JVM that the lock file names, or empty. */
  private static Optional<ProcessHandle> other(Path runDir, List<String> problems) {
    Optional<String> recorded;
    try {
      recorded = RunLock.recordedHolderUnlessHeldHere(runDir);
    } catch (IOException e) {
      problems.add("cannot read " + RunLock.FILE + ": " + e.getMessage());
      return Optional.empty();
    }
    if (recorded.isEmpty()) {
      // Held here since the first check (a run of this JVM just started), or never locked at all.
      return RunLock.isHeldByThisProcess(runDir) ? Optional.of(ProcessHandle.current()) : Optional.empty();
    }
    String text = recorded.get();
    if (text.isEmpty()) {
      return Optional.empty(); // a holder killed between creating the file and writing its PID
    }
    long pid;
    try {
      pid = Long.parseLong(text);
    } catch (NumberFormatException e) {
      String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
      problems.add(RunLock.FILE + " holds '" + shown.replaceAll("\\p{Cntrl}", "?") + "', not a PID");
      return Optional.empty();
    }
    if (pid == ProcessHandle.current().pid()) {
      return Optional.empty(); // this JVM, which does not hold the folder: a run of ours that has ended
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(RunHolder::mayBeJava);
  }

  /**
   * Whether the process's command is a Java launcher; a process whose command the system does not
   * show (another user's) counts as one, since it may be.
   */
  private static boolean mayBeJava(ProcessHandle process) {
    return process.info().command()
        .map(command -> Path.of(command).getFileName().toString().startsWith("java"))
        .orElse(true);
  }
}
