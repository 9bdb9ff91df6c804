package dev.lawn.tools.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * Runs each training in a child JVM: {@code <prefix> <train arguments>}, stdout and stderr
 * appended to the run's log. Children still running when this JVM exits (Ctrl-C) are destroyed:
 * their trainer resumes from its checkpoints on the next sweep.
 */
public final class ChildJvmLauncher implements RunLauncher {

  /** JVM options that must not be inherited: a second debugger or agent on the same port fails. */
  private static final List<String> NOT_INHERITED = List.of("-agentlib:", "-javaagent:", "-Xrunjdwp", "-Xdebug");

  private final List<String> commandPrefix;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hookInstalled = new AtomicBoolean();

  /**
   * A launcher running {@code commandPrefix} followed by the train arguments.
   *
   * @param commandPrefix e.g. {@code [java, -cp, CP, dev.lawn.tools.LawnCommand, train]}
   */
  public ChildJvmLauncher(List<String> commandPrefix) {
    if (commandPrefix.isEmpty()) {
      throw new IllegalArgumentException("the child command must name a program");
    }
    this.commandPrefix = List.copyOf(commandPrefix);
  }

  /**
   * {@code lawn train} on the same java, JVM options and classpath as this process.
   *
   * @param mainClass the {@code lawn} main class
   */
  public static ChildJvmLauncher forCurrentJvm(String mainClass) {
    List<String> prefix = new ArrayList<>();
    prefix.add(
        ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
        prefix.add(option);
      }
    }
    prefix.add("-cp");
    prefix.add(System.getProperty("java.class.path"));
    prefix.add(mainClass);
    prefix.add("train");
    return new ChildJvmLauncher(prefix);
  }

  /** The command before the train arguments. */
  public List<String> commandPrefix() {
    return commandPrefix;
  }

  /** The prefix for messages, with the classpath shortened to its entry count. */
  public String describePrefix() {
    List<String> shown = new ArrayList<>(commandPrefix);
    int cp = shown.indexOf("-cp");
    if (cp >= 0 && cp + 1 < shown.size()) {
      int entries = shown.get(cp + 1).split(java.io.File.pathSeparator).length;
      shown.set(cp + 1, "<classpath: " + entries + " entries>");
    }
    return TrainArguments.shellText(shown);
  }

  /** The full command of one run. */
  public List<String> command(List<String> trainArguments) {
    List<String> command = new ArrayList<>(commandPrefix);
    command.addAll(trainArguments);
    return command;
  }

  @Override
  public int run(List<String> trainArguments, Path logFile) throws IOException, InterruptedException {
    if (hookInstalled.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(this::destroyAll, "lawn-sweep-children"));
    }
    List<String> command = command(trainArguments);
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    Files.writeString(
        logFile,
        "# lawn sweep: started " + Instant.now() + ": " + describePrefix() + " "
            + TrainArguments.shellText(trainArguments) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .start();
    running.add(process);
    process.getOutputStream().close(); // no input: a trainer reading stdin gets EOF, never blocks
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
