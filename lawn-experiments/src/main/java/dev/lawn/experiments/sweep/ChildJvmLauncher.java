package dev.lawn.experiments.sweep;

import dev.lawn.experiments.process.ChildJvm;
import dev.lawn.train.TrainMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs each training in a child JVM ({@link ChildJvm}): {@code <prefix> <train arguments>}, stdout and stderr
 * appended to the run's log. The child is {@link TrainMain} ({@link #trainMain()}) or the command line's
 * {@code lawn train} ({@link #forCurrentJvm}); both take the same arguments. Children still running when this JVM exits (Ctrl-C) are destroyed:
 * their trainer resumes from its checkpoints on the next sweep.
 */
public final class ChildJvmLauncher implements RunLauncher {

  private final ChildJvm child;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hookInstalled = new AtomicBoolean();

  /**
   * A launcher running {@code commandPrefix} followed by the train arguments.
   *
   * @param commandPrefix e.g. {@code [java, -cp, CP, dev.lawn.tools.LawnCommand, train]}
   */
  public ChildJvmLauncher(List<String> commandPrefix) {
    this.child = new ChildJvm(commandPrefix);
  }

  /**
   * {@code lawn train} on the same java, JVM options and classpath as this process (lawn-tools must be
   * on it): {@code lawn sweep}'s children, which print the command line's console output.
   *
   * @param mainClass the {@code lawn} main class
   */
  public static ChildJvmLauncher forCurrentJvm(String mainClass) {
    return new ChildJvmLauncher(ChildJvm.forCurrentJvm(List.of(), mainClass, "train").commandPrefix());
  }

  /**
   * lawn-train's {@link TrainMain} on the same java, JVM options and classpath as this process: the
   * same arguments, resolution and run folder as {@code lawn train}, with only the library on the
   * classpath. The default of {@link Sweep#run(java.io.PrintWriter)}.
   */
  public static ChildJvmLauncher trainMain() {
    return new ChildJvmLauncher(ChildJvm.forCurrentJvm(List.of(), TrainMain.class.getName()).commandPrefix());
  }

  /** The command before the train arguments. */
  public List<String> commandPrefix() {
    return child.commandPrefix();
  }

  /** The prefix for messages, with the classpath shortened to its entry count. */
  public String describePrefix() {
    List<String> shown = new ArrayList<>(child.commandPrefix());
    int cp = shown.indexOf("-cp");
    if (cp >= 0 && cp + 1 < shown.size()) {
      int entries = shown.get(cp + 1).split(java.io.File.pathSeparator).length;
      shown.set(cp + 1, "<classpath: " + entries + " entries>");
    }
    return TrainArguments.shellText(shown);
  }

  /** The full command of one run. */
  public List<String> command(List<String> trainArguments) {
    return child.command(trainArguments);
  }

  @Override
  public int run(List<String> trainArguments, Path logFile) throws IOException, InterruptedException {
    if (hookInstalled.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(this::destroyAll, "lawn-sweep-children"));
    }
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    Files.writeString(
        logFile,
        "# lawn sweep: started " + Instant.now() + ": " + describePrefix() + " "
            + TrainArguments.shellText(trainArguments) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process process =
        child.start(trainArguments, ProcessBuilder.Redirect.appendTo(logFile.toFile()), null, ChildJvm.NO_FILE_LIMIT);
    running.add(process);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      throw e;
    } finally {
      running.remove(process);
    }
  }

  private void destroyAll() {
    running.forEach(Process::destroy);
  }
}
