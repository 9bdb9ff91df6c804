package dev.lawn.experiments.process;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a main class in a child JVM: the one place that builds the java command line and starts
 * the process. {@code lawn sweep}, the benchmarks and the reliability harnesses all start their
 * children here and differ only in how they wait for them (a log and Ctrl-C clean-up, a timeout,
 * a kill at a chosen moment).
 *
 * <p>{@link #forCurrentJvm} runs the child on this process's java, JVM options and classpath.
 * A child's stdin is closed at once: a program reading it gets end-of-file, never waits for a
 * terminal.
 */
public final class ChildJvm {

  /** No file-size limit (see {@link #start(List, ProcessBuilder.Redirect, ProcessBuilder.Redirect, long)}). */
  public static final long NO_FILE_LIMIT = -1;

  /** JVM options a child must not inherit: a second debugger or agent on the same port fails. */
  private static final List<String> NOT_INHERITED = List.of("-agentlib:", "-javaagent:", "-Xrunjdwp", "-Xdebug");

  private final List<String> commandPrefix;

  /**
   * A child running {@code commandPrefix} followed by each start's arguments.
   *
   * @param commandPrefix e.g. {@code [java, -cp, CP, dev.lawn.tools.LawnCommand, train]}
   */
  public ChildJvm(List<String> commandPrefix) {
    if (commandPrefix.isEmpty()) {
      throw new IllegalArgumentException("the child command must name a program");
    }
    this.commandPrefix = List.copyOf(commandPrefix);
  }

  /**
   * {@code mainClass leadingArguments...} on this process's java, JVM options (less debugger and
   * agent options) and classpath.
   *
   * @param jvmOptions added right after the java executable, before the inherited options
   * @param mainClass the class whose {@code main} the child runs
   * @param leadingArguments the first program arguments of every start (e.g. {@code train})
   */
  public static ChildJvm forCurrentJvm(List<String> jvmOptions, String mainClass, String... leadingArguments) {
    List<String> prefix = new ArrayList<>();
    prefix.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    prefix.addAll(jvmOptions);
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
        prefix.add(option);
      }
    }
    prefix.add("-cp");
    prefix.add(System.getProperty("java.class.path"));
    prefix.add(mainClass);
    prefix.addAll(List.of(leadingArguments));
    return new ChildJvm(prefix);
  }

  /** The command before each start's arguments. */
  public List<String> commandPrefix() {
    return commandPrefix;
  }

  /** The full command of one start. */
  public List<String> command(List<String> arguments) {
    List<String> command = new ArrayList<>(commandPrefix);
    command.addAll(arguments);
    return command;
  }

  /**
   * Starts the child; the caller waits for it or kills it.
   *
   * @param out where its stdout goes
   * @param err where its stderr goes; {@code null} merges it into {@code out}
   * @param fileSizeLimitKiB {@link #NO_FILE_LIMIT}, or a limit on the size of files the child
   *     writes ({@code ulimit -f}, in KiB; 0 makes every write fail): a write past it fails with
   *     {@code EFBIG}, which the JVM does not die of (it ignores {@code SIGXFSZ}), so it stands in
   *     for a full disk without root rights. The shell {@code exec}s the JVM, so the returned
   *     process is the JVM itself and killing it kills the child.
   */
  public Process start(List<String> arguments, ProcessBuilder.Redirect out, ProcessBuilder.Redirect err,
      long fileSizeLimitKiB) throws IOException {
    List<String> command = new ArrayList<>();
    if (fileSizeLimitKiB != NO_FILE_LIMIT) {
      if (fileSizeLimitKiB < 0) {
        throw new IllegalArgumentException("fileSizeLimitKiB must be >= 0 or NO_FILE_LIMIT, got " + fileSizeLimitKiB);
      }
      command.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKiB + " && exec \"$0\" \"$@\""));
    }
    command.addAll(command(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out);
    if (err == null) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(err);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }
}
