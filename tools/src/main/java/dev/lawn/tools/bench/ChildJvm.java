package dev.lawn.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM with this process's java, JVM options and classpath. Benchmarks
 * run each variant in its own process so that its peak RSS is its own and no variant inherits
 * another's warmed-up (or fragmented) state.
 */
final class ChildJvm {

  /** JVM options a child must not inherit: a second debugger or agent on the same port fails. */
  private static final List<String> NOT_INHERITED = List.of("-agentlib:", "-javaagent:", "-Xrunjdwp", "-Xdebug");

  /** What a child printed and how it ended. */
  record Outcome(int exitCode, List<String> stdout, Path stderrLog) {

    /** The last lines of the child's stderr, for an error message. */
    String stderrTail(int lines) {
      try {
        List<String> all = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(no stderr log: " + e.getMessage() + ")";
      }
    }
  }

  private final List<String> prefix;
  private final Path workDir;
  private final long timeoutSeconds;

  /**
   * @param workDir where the children's stdout and stderr files go
   * @param timeoutSeconds a child still running after this long is killed
   */
  ChildJvm(Path workDir, long timeoutSeconds) {
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("child timeout must be > 0 s, got " + timeoutSeconds);
    }
    this.workDir = workDir;
    this.timeoutSeconds = timeoutSeconds;
    List<String> p = new ArrayList<>();
    p.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
        p.add(option);
      }
    }
    p.add("-cp");
    p.add(System.getProperty("java.class.path"));
    this.prefix = List.copyOf(p);
  }

  /**
   * Runs {@code mainClass args} and waits for it.
   *
   * @param name names the output files ({@code name.out}, {@code name.err}) in the work directory
   */
  Outcome run(String name, String mainClass, List<String> args) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path out = workDir.resolve(name + ".out");
    Path err = workDir.resolve(name + ".err");
    List<String> command = new ArrayList<>(prefix);
    command.add(mainClass);
    command.addAll(args);
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    process.getOutputStream().close();
    // A child left behind by Ctrl-C would keep loading the machine other people measure on.
    Thread killer = new Thread(process::destroyForcibly, "lawn-bench-child-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IOException("benchmark child '" + name + "' did not finish within " + timeoutSeconds
            + " s (killed); its stderr is in " + err);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs, and kills an already finished process: harmless
      }
    }
    return new Outcome(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), err);
  }
}
