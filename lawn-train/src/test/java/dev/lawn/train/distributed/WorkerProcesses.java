package dev.lawn.train.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Worker servers of a loopback cluster, each in its own JVM (as {@code lawn worker} runs them), on
 * ports chosen free. Closing kills every worker still running.
 */
final class WorkerProcesses implements AutoCloseable {

  static final long START_TIMEOUT_SECONDS = 120;

  final ClusterSpec cluster;
  private final Path logs;
  private final List<Process> processes = new ArrayList<>();

  private WorkerProcesses(ClusterSpec cluster, Path logs) {
    this.cluster = cluster;
    this.logs = logs;
  }

  /** Starts {@code count} workers on free loopback ports and waits until each listens. */
  static WorkerProcesses start(int count, Path logs) throws IOException {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      addresses.add("127.0.0.1:" + freePort());
    }
    WorkerProcesses workers = new WorkerProcesses(ClusterSpec.of(addresses), logs);
    try {
      for (int i = 0; i < count; i++) {
        workers.processes.add(null);
        workers.restart(i);
      }
    } catch (IOException | RuntimeException e) {
      workers.close();
      throw e;
    }
    return workers;
  }

  /** Starts task {@code task} (again) and waits for its ready line; {@code extra}: more {@code lawn worker} arguments. */
  void restart(int task, String... extra) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = logs.resolve("worker-" + task + ".log");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        WorkerServer.class.getName(), "--cluster", cluster.toString(), "--task", String.valueOf(task),
        NetworkExposure.FLAG));
    command.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    processes.set(task, p);
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith(WorkerServer.READY)) {
            return line;
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    try {
      if (ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) == null) {
        throw new IOException("worker " + task + " exited: " + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("worker " + task + " did not start in " + START_TIMEOUT_SECONDS + " s: " + tail(log), e);
    }
  }

  /** Restarts every task that is not running (a test that killed one may have failed before restarting it). */
  void ensureRunning() throws IOException {
    for (int i = 0; i < processes.size(); i++) {
      if (!processes.get(i).isAlive()) {
        restart(i);
      }
    }
  }

  /** Kills task {@code task} at once (SIGKILL) and waits until it is gone. */
  void kill(int task) {
    Process p = processes.get(task);
    p.destroyForcibly();
    try {
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Freezes ({@code SIGSTOP}) or thaws ({@code SIGCONT}) task {@code task}: a worker that holds its connections but never answers. */
  void signal(int task, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(processes.get(task).pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " failed");
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < processes.size(); i++) {
      if (processes.get(i) != null && processes.get(i).isAlive()) {
        kill(i);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The log (stderr) of task {@code task}. */
  String log(int task) {
    return tail(logs.resolve("worker-" + task + ".log"));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
