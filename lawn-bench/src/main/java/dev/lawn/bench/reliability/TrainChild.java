package dev.lawn.bench.reliability;

import dev.lawn.experiments.process.ChildJvm;
import dev.lawn.train.TrainMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the trainer program under test in a child JVM (same java and classpath as this one), stdout
 * and stderr appended to a log file. The harnesses test that program as a user runs it (resume by
 * rerunning, one-line errors, its start line). From Java, {@link #trainMain} starts lawn-train's
 * {@link TrainMain}, which needs only the library on the classpath; {@code lawn torture} and its
 * siblings name the command line's main class with {@code train} ({@link #forCurrentJvm}), so that
 * they test the {@code lawn train} program itself. Both take the same arguments.
 *
 * <p>Optionally under a file-size limit ({@code ulimit -f}): a write past it fails with {@code EFBIG}
 * ("File too large"), which the JVM does not die of (it ignores {@code SIGXFSZ}), so it stands in for
 * a full disk without root rights.
 */
public final class TrainChild {

  /** No file-size limit. */
  public static final long NO_LIMIT = ChildJvm.NO_FILE_LIMIT;

  private final ChildJvm child;

  /**
   * @param javaPrefix the command up to and including {@code train}
   */
  public TrainChild(List<String> javaPrefix) {
    this.child = new ChildJvm(javaPrefix);
  }

  /**
   * lawn-train's {@link TrainMain} on this JVM's java and classpath, with {@code jvmOptions} added right
   * after the java executable: the trainer for a Java program without the command line.
   */
  public static TrainChild trainMain(List<String> jvmOptions) {
    return forCurrentJvm(jvmOptions, TrainMain.class.getName());
  }

  /**
   * {@code mainClass leadingArguments...} (e.g. {@code dev.lawn.tools.LawnCommand train}) on this
   * JVM's java and classpath, with {@code jvmOptions} added right after the java executable (e.g.
   * {@code -XX:NativeMemoryTracking=summary}).
   */
  public static TrainChild forCurrentJvm(List<String> jvmOptions, String mainClass, String... leadingArguments) {
    return new TrainChild(ChildJvm.forCurrentJvm(jvmOptions, mainClass, leadingArguments).commandPrefix());
  }

  /** Starts the trainer; the caller waits for it or kills it. */
  public Process start(List<String> trainArguments, Path log) throws IOException {
    return start(trainArguments, log, NO_LIMIT);
  }

  /**
   * Starts the trainer, with files limited to {@code fileSizeLimitKiB} KiB unless that is {@link
   * #NO_LIMIT} (0 makes every write to a file fail; the child's own log then stays empty).
   * The returned process is the JVM itself (the shell {@code exec}s it), so killing it kills the
   * trainer.
   */
  public Process start(List<String> trainArguments, Path log, long fileSizeLimitKiB) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    return child.start(trainArguments, ProcessBuilder.Redirect.appendTo(log.toFile()), null, fileSizeLimitKiB);
  }

  /** Runs the trainer to its end and returns its exit code. */
  public int run(List<String> trainArguments, Path log) throws IOException, InterruptedException {
    return run(trainArguments, log, NO_LIMIT);
  }

  /** Runs the trainer to its end under a file-size limit (see {@link #start(List, Path, long)}). */
  public int run(List<String> trainArguments, Path log, long fileSizeLimitKiB) throws IOException, InterruptedException {
    Process process = start(trainArguments, log, fileSizeLimitKiB);
    try {
      return process.waitFor();
    } finally {
      if (process.isAlive()) { // interrupted: do not leave a trainer behind
        process.destroyForcibly();
      }
    }
  }
}
