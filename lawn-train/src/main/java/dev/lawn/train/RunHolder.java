package dev.lawn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a live process holds a run folder, found without touching the lock (see {@link
 * RunStatus#read}): this JVM's {@link RunLock} table first, else the PID the lock file records.
 */
final class RunHolder {

  private RunHolder() {}

  /** Whether a live process holds {@code runDir}; what cannot be read is added to {@code problems}. */
  static boolean isRunning(Path runDir, List<String> problems) {
    if (RunLock.isHeldByThisProcess(runDir)) {
      return true;
    }
    Optional<String> recorded;
    try {
      recorded = RunLock.recordedHolderUnlessHeldHere(runDir);
    } catch (IOException e) {
      problems.add("cannot read " + RunLock.FILE + ": " + e.getMessage());
      return false;
    }
    if (recorded.isEmpty()) {
      // Held here since the first check (a run of this JVM just started), or never locked at all.
      return RunLock.isHeldByThisProcess(runDir);
    }
    String text = recorded.get();
    if (text.isEmpty()) {
      return false; // a holder killed between creating the file and writing its PID
    }
    long pid;
    try {
      pid = Long.parseLong(text);
    } catch (NumberFormatException e) {
      String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
      problems.add(RunLock.FILE + " holds '" + shown.replaceAll("\\p{Cntrl}", "?") + "', not a PID");
      return false;
    }
    if (pid == ProcessHandle.current().pid()) {
      return false; // this JVM, which does not hold the folder: a run of ours that has ended
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(RunHolder::mayBeJava).isPresent();
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
