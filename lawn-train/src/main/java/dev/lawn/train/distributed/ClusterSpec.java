package dev.lawn.train.distributed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * The machines of a cluster: one TensorFlow server ({@code lawn worker}) per task of the job
 * {@value #JOB}, task {@code i} at the {@code i}-th address.
 *
 * <p>Given as {@code --cluster host:port,host:port,...} or as a file with one {@code host:port} per
 * line (blank lines and {@code #} comments ignored). Every worker and the client are given the same
 * description.
 */
public final class ClusterSpec {

  /** The job name of every task. */
  public static final String JOB = "worker";

  private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+]):([0-9]{1,5})");

  private final String source;
  private final List<String> addresses;

  private ClusterSpec(String source, List<String> addresses) {
    this.source = source;
    this.addresses = List.copyOf(addresses);
  }

  /**
   * Parses {@code value}: the path of a cluster file if such a file exists, else a comma-separated
   * list of {@code host:port}.
   *
   * @param option the option's name for messages, e.g. {@code --cluster}
   * @throws IllegalArgumentException naming the option, file and line of a malformed address
   */
  public static ClusterSpec parse(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " is empty: give host:port,host:port,... or a cluster file");
    }
    Path file = Path.of(value.strip());
    if (Files.isRegularFile(file)) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new IllegalArgumentException(option + " " + file + ": cannot read: " + e.getMessage());
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int hash = line.indexOf('#');
        String text = (hash < 0 ? line : line.substring(0, hash)).strip();
        if (!text.isEmpty()) {
          out.add(check(text, option + " " + file + " line " + (i + 1)));
        }
      }
      return of(option + " " + file, out);
    }
    List<String> out = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      if (!part.contains(":")) {
        throw new IllegalArgumentException(option + " '" + value + "': no cluster file of that name, and '"
            + part.strip() + "' is not host:port");
      }
      out.add(check(part.strip(), option));
    }
    return of(option, out);
  }

  /** A cluster of the given {@code host:port} addresses, task 0 first. */
  public static ClusterSpec of(List<String> addresses) {
    List<String> checked = new ArrayList<>();
    for (String a : addresses) {
      checked.add(check(a, "cluster"));
    }
    return of("cluster", checked);
  }

  private static ClusterSpec of(String source, List<String> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException(source + ": no worker addresses");
    }
    Set<String> seen = new HashSet<>();
    for (String a : addresses) {
      if (!seen.add(a)) {
        throw new IllegalArgumentException(source + ": address " + a + " is listed twice");
      }
    }
    return new ClusterSpec(source, addresses);
  }

  private static String check(String address, String where) {
    Matcher m = ADDRESS.matcher(address);
    if (!m.matches()) {
      throw new IllegalArgumentException(where + ": '" + address + "' is not host:port");
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(where + ": port " + port + " of '" + address + "' is not in 1..65535");
    }
    return address;
  }

  /** Number of tasks (machines). */
  public int size() {
    return addresses.size();
  }

  /** {@code host:port} of task {@code task}. */
  public String address(int task) {
    return addresses.get(checkTask(task));
  }

  /** The host of task {@code task} as written (a name, an IPv4 address, or an IPv6 address without brackets). */
  public String host(int task) {
    Matcher m = ADDRESS.matcher(address(task));
    m.matches();
    return m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
  }

  /** The port of task {@code task}. */
  public int port(int task) {
    Matcher m = ADDRESS.matcher(address(task));
    m.matches();
    return Integer.parseInt(m.group(2));
  }

  /** All addresses, task 0 first. */
  public List<String> addresses() {
    return addresses;
  }

  /** The session target of a client that talks to task {@code task} ({@code grpc://host:port}). */
  public String target(int task) {
    return "grpc://" + address(task);
  }

  /** The TensorFlow cluster definition. */
  public ClusterDef clusterDef() {
    JobDef.Builder job = JobDef.newBuilder().setName(JOB);
    for (int i = 0; i < addresses.size(); i++) {
      job.putTasks(i, addresses.get(i));
    }
    return ClusterDef.newBuilder().addJob(job).build();
  }

  /**
   * The server definition of task {@code task}.
   *
   * @param sessionConfig the worker's default session configuration (its virtual CPU devices)
   */
  public ServerDef serverDef(int task, ConfigProto sessionConfig) {
    return ServerDef.newBuilder().setCluster(clusterDef()).setJobName(JOB).setTaskIndex(checkTask(task))
        .setProtocol("grpc").setDefaultSessionConfig(sessionConfig).build();
  }

  /** The command line that starts task {@code task} ({@code "N"} for any), for messages. */
  public String workerCommand(Object task) {
    return "lawn worker --cluster " + String.join(",", addresses) + " --task " + task + " " + NetworkExposure.FLAG;
  }

  /**
   * Checks that every task accepts TCP connections, so that a missing worker is reported by name
   * rather than by a hanging or cryptic first step.
   *
   * @throws ClusterFailureException listing every unreachable task and how to start it
   */
  public void requireReachable(Duration timeout) {
    List<String> problems = new ArrayList<>();
    unreachable(timeout).forEach((task, why) -> problems.add("task " + task + " at " + addresses.get(task)
        + " is unreachable (" + why + "); start it with: " + workerCommand(task)));
    if (!problems.isEmpty()) {
      throw new ClusterFailureException(source + ": " + String.join("; ", problems));
    }
  }

  /** The tasks that refuse TCP connections (or do not accept one within {@code timeout}), with the reason. */
  public Map<Integer, String> unreachable(Duration timeout) {
    Map<Integer, String> out = new LinkedHashMap<>();
    for (int i = 0; i < addresses.size(); i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host(i), port(i)), (int) timeout.toMillis());
      } catch (IOException e) {
        out.put(i, e.getMessage());
      }
    }
    return out;
  }

  private int checkTask(int task) {
    if (task < 0 || task >= addresses.size()) {
      throw new IllegalArgumentException("--task " + task + " is not in 0.." + (addresses.size() - 1)
          + " (" + source + " lists " + addresses.size() + " workers)");
    }
    return task;
  }

  @Override
  public String toString() {
    return String.join(",", addresses);
  }
}
