package dev.lawn.train.distributed;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.tensorflow.Server;
import org.tensorflow.proto.ConfigProto;

/**
 * One task of a training cluster: TensorFlow's gRPC server for {@code /job:worker/task:N}. The
 * client ({@code lawn train --cluster}) sends it the graph, and it computes its towers (and, for task
 * 0, the variables and the optimizer). Beside the server runs an {@link InputFeeder}, idle until a
 * client trains with {@code --worker-input}: then it produces this task's towers' batches from the
 * data set on this machine.
 *
 * <p>{@link #main} is what {@code lawn worker} runs and what tests start as a separate JVM: it
 * prints {@value #READY} and the address once the server listens, then serves until the process
 * is killed (TF-Java 1.1.0's {@code Server.close()} cannot shut a server down cleanly).
 *
 * <p>The server listens on every interface, unauthenticated and unencrypted, whatever host the
 * cluster names: {@link #serve} and {@link #main} refuse to start without the acknowledgment
 * {@value NetworkExposure#FLAG}; {@link #start} is the bare library call and checks nothing.
 */
public final class WorkerServer {

  /** Start of the line printed once the server listens. */
  public static final String READY = "lawn worker ready:";

  private WorkerServer() {}

  /**
   * Starts the server of task {@code task} in this process.
   *
   * @param virtualCpus CPU devices the server offers ({@code cpu:0} .. {@code cpu:virtualCpus-1})
   */
  public static Server start(ClusterSpec cluster, int task, int virtualCpus) {
    if (virtualCpus < 1) {
      throw new IllegalArgumentException("--virtual-cpus must be >= 1, got " + virtualCpus);
    }
    ConfigProto config = ConfigProto.newBuilder().putDeviceCount("CPU", virtualCpus).build();
    Server server = new Server(cluster.serverDef(task, config));
    server.start();
    return server;
  }

  /**
   * Starts the server and the input feeder, reports it on {@code out}, and blocks while it serves.
   * Refuses, before any port is opened, unless the exposure is acknowledged ({@link NetworkExposure}).
   *
   * @param dataDir the data sets' folder on this machine for {@code --worker-input} runs, or null to
   *     use the client's {@code data_dir}
   * @param log where the input feeder reports, and where the exposure is stated once the port listens
   * @param trustedNetwork {@value NetworkExposure#FLAG}: the user acknowledged that the port is open to
   *     everyone who reaches this machine
   * @throws IllegalArgumentException without {@code trustedNetwork}, naming the risk and the flag
   */
  public static void serve(ClusterSpec cluster, int task, int virtualCpus, Path dataDir, PrintWriter out,
      PrintWriter log, boolean trustedNetwork) {
    NetworkExposure.requireWorkerAcknowledged(cluster, task, trustedNetwork);
    Server server = start(cluster, task, virtualCpus);
    log.println("lawn worker: " + NetworkExposure.workerWarning(cluster, task));
    log.flush();
    InputFeeder.start(cluster, task, dataDir, log);
    out.println(READY + " task " + task + " of " + cluster.size() + " serving " + cluster.target(task) + " (job "
        + ClusterSpec.JOB + ", " + virtualCpus + " CPU device" + (virtualCpus == 1 ? "" : "s") + ")");
    out.flush();
    server.join();
  }

  /** {@code --cluster SPEC --task N [--virtual-cpus N] [--data-dir DIR] [--trusted-network]}. */
  public static void main(String[] args) {
    String cluster = null;
    Integer task = null;
    int cpus = 1;
    Path dataDir = null;
    boolean trusted = false;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (args[i].equals(NetworkExposure.FLAG)) {
        trusted = true;
        continue;
      }
      switch (args[i]) {
        case "--cluster" -> cluster = value;
        case "--task" -> task = Integer.valueOf(value);
        case "--virtual-cpus" -> cpus = Integer.parseInt(value);
        case "--data-dir" -> dataDir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: --cluster host:port,... --task N [--virtual-cpus N] [--data-dir DIR] [--trusted-network]");
      }
      i++;
    }
    if (cluster == null || task == null) {
      throw new IllegalArgumentException(
          "usage: --cluster host:port,... --task N [--virtual-cpus N] [--data-dir DIR] [--trusted-network]");
    }
    serve(ClusterSpec.parse("--cluster", cluster), task, cpus, dataDir, new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), trusted);
  }
}
