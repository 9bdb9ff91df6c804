package dev.lawn.bench;

import dev.lawn.experiments.process.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM ({@link ChildJvm}: this process's java, JVM options and
 * classpath), waits for it at most a given time and keeps its stdout and stderr. Benchmarks
 * run each variant in its own process so that its peak RSS is its own and no variant inherits
 * another's warmed-up (or fragmented) state.
 */
public final class BenchChild {

  /** What a child printed and how it ended. */
  public record Outcome(int exitCode, List<String> stdout, Path stderrLog) {

    /** The last lines of the child's stderr, for an error message. */
    public String stderrTail(int lines) {
      try {
        List<String> all = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(no stderr log: " + e.getMessage() + ")";
      }
    }
  }

  private final Path workDir;
  private final long timeoutSeconds;

  /**
   * @param workDir where the children's stdout and stderr files go
   * @param timeoutSeconds a child still running after this long is killed
   */
  public BenchChild(Path workDir, long timeoutSeconds) {
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("child timeout must be > 0 s, got " + timeoutSeconds);
    }
    this.workDir = workDir;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Runs {@code mainClass args} and waits for it.
   *
   * @param name names the output files ({@code name.out}, {@code name.err}) in the work directory
   */
  public Outcome run(String name, String mainClass, List<String> args) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path out = workDir.resolve(name + ".out");
    Path err = workDir.resolve(name + ".err");
    Process process = ChildJvm.forCurrentJvm(List.of(), mainClass)
        .start(args, ProcessBuilder.Redirect.to(out.toFile()), ProcessBuilder.Redirect.to(err.toFile()),
            ChildJvm.NO_FILE_LIMIT);
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
