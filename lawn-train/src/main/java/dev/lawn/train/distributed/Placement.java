package dev.lawn.train.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Where a run's graph runs: one device (the default), several devices of this process
 * ({@code --devices cpu:0,cpu:1}, {@code gpu:0,gpu:1,...}), or those devices on every machine of a
 * cluster ({@code --cluster}). With more than the default, the model is replicated in the graph: one
 * tower per device ({@link Towers}), the variables and the optimizer on the parameter device (CPU 0
 * of this process, or of task 0).
 *
 * <p>It also opens the matching session: a local one, or one connected to task 0 of the cluster,
 * and checks that every tower device exists there.
 */
public final class Placement {

  /** How long the check that every worker accepts connections waits for each one. */
  public static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);

  /** A task named in a TensorFlow error ("... from remote target /job:worker/replica:0/task:1 ..."). */
  private static final Pattern TASK = Pattern.compile("/job:" + ClusterSpec.JOB + "/replica:[0-9]+/task:([0-9]+)");
  private static final String DEVICES_OPTION = "--devices";
  private static final Placement SINGLE = new Placement(List.of(), null, 0, false, DEVICES_OPTION);

  private final List<DeviceSpec> localDevices;
  private final ClusterSpec cluster;
  private final int timeoutSeconds;
  private final boolean workerInput;
  /** The setting that named the devices, for messages: {@code --devices}, or an API's method. */
  private final String devicesOption;

  private Placement(List<DeviceSpec> localDevices, ClusterSpec cluster, int timeoutSeconds, boolean workerInput,
      String devicesOption) {
    this.localDevices = List.copyOf(localDevices);
    this.cluster = cluster;
    this.timeoutSeconds = timeoutSeconds;
    this.workerInput = workerInput;
    this.devicesOption = devicesOption;
  }

  /** No replication: the graph as built, in a plain local session. */
  public static Placement singleDevice() {
    return SINGLE;
  }

  /**
   * Parses the options.
   *
   * @param devices {@code --devices}: comma-separated {@code cpu:N} / {@code gpu:N} (one tower each,
   *     on every machine of the cluster), or null/blank for the default (one device; with a cluster
   *     {@code cpu:0} of each machine)
   * @param cluster {@code --cluster}: worker addresses or a cluster file, or null/blank for this process
   * @param timeoutSeconds {@code --cluster-timeout-seconds}: longest wait of one step on the
   *     cluster (0 = no limit)
   * @throws IllegalArgumentException naming the offending option
   */
  public static Placement of(String devices, String cluster, int timeoutSeconds) {
    return of(devices, cluster, timeoutSeconds, false);
  }

  /**
   * The same, with {@code --worker-input}: the workers produce the batches ({@link WorkerInput}).
   *
   * @throws IllegalArgumentException also when {@code workerInput} is asked without a cluster
   */
  public static Placement of(String devices, String cluster, int timeoutSeconds, boolean workerInput) {
    if (workerInput && (cluster == null || cluster.isBlank())) {
      throw new IllegalArgumentException("--worker-input needs --cluster: only workers of a cluster produce their own input");
    }
    if (timeoutSeconds < 0) {
      throw new IllegalArgumentException("--cluster-timeout-seconds must be >= 0, got " + timeoutSeconds);
    }
    List<DeviceSpec> local = new ArrayList<>(DeviceList.parse(DEVICES_OPTION, devices));
    ClusterSpec spec = cluster == null || cluster.isBlank() ? null : ClusterSpec.parse("--cluster", cluster);
    if (local.isEmpty() && spec == null) {
      return SINGLE;
    }
    if (local.isEmpty()) {
      local.add(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
    }
    return new Placement(local, spec, timeoutSeconds, workerInput, DEVICES_OPTION);
  }

  /**
   * Towers on {@code devices} of this process, no cluster: what a {@code Fit} replicates over when
   * given a device list (given a placement, it takes {@link #of} too).
   *
   * @param option the setting that named the devices, for messages
   * @throws IllegalArgumentException naming {@code option}: no devices, a device repeated, or one that
   *     is not a {@code cpu:N}/{@code gpu:N} of this process (a job, replica or task)
   */
  public static Placement local(String option, List<DeviceSpec> devices) {
    return new Placement(DeviceList.check(option, devices), null, 0, false, option);
  }

  /**
   * The same placement, with {@code option} instead of {@code --devices} naming the devices in its
   * messages: for an API that takes a placement (a {@code Fit} on a cluster).
   */
  public Placement namedBy(String option) {
    return new Placement(localDevices, cluster, timeoutSeconds, workerInput, option);
  }

  /** Whether the workers produce the batches themselves ({@code --worker-input}). */
  public boolean workerInput() {
    return workerInput;
  }

  /** Whether the model is replicated over towers (any {@code --devices} or {@code --cluster}). */
  public boolean replicated() {
    return !localDevices.isEmpty();
  }

  /** The cluster, when the run uses one. */
  public Optional<ClusterSpec> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** One device per tower, in batch order: every listed device of task 0, then of task 1, ... */
  public List<DeviceSpec> towerDevices() {
    if (cluster == null) {
      return localDevices;
    }
    List<DeviceSpec> out = new ArrayList<>();
    for (int task = 0; task < cluster.size(); task++) {
      for (DeviceSpec d : localDevices) {
        out.add(onTask(task).deviceType(d.deviceType()).deviceIndex(d.deviceIndex()).build());
      }
    }
    return out;
  }

  /** Where the variables, the optimizer, the loss and evaluation run: CPU 0 of this process or of task 0. */
  public DeviceSpec parameterDevice() {
    DeviceSpec.Builder b = cluster == null ? DeviceSpec.newBuilder() : onTask(0);
    return b.deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build();
  }

  /** {@code tf} placed on the parameter device when replicated, else unchanged. */
  public Ops parameterScope(Ops tf) {
    return replicated() ? tf.withDevice(parameterDevice()) : tf;
  }

  /**
   * Adds what the placement needs to a session configuration: virtual CPU devices for
   * {@code cpu:N} towers in this process, soft placement for GPU towers (ops without a GPU kernel
   * fall back to the CPU), and for a cluster the step timeout and sessions that share no state
   * with earlier ones on the same servers.
   */
  public ConfigProto configure(ConfigProto base) {
    if (!replicated()) {
      return base;
    }
    ConfigProto.Builder b = base.toBuilder();
    int cpus = 0;
    for (DeviceSpec d : localDevices) {
      if (d.deviceType() == DeviceSpec.DeviceType.CPU) {
        cpus = Math.max(cpus, d.deviceIndex() + 1);
      } else {
        b.setAllowSoftPlacement(true);
      }
    }
    if (cluster == null && cpus > 1) {
      b.putDeviceCount("CPU", cpus);
    }
    if (cluster != null) {
      // Isolated sessions share nothing with earlier ones on the same servers (a resumed run meets
      // no leftovers of the failed one), but also nothing with the workers' input feeders, whose
      // queues --worker-input reads: that mode shares, and relies on initialization and restore
      // overwriting every variable.
      b.setIsolateSessionState(!workerInput);
      if (timeoutSeconds > 0) {
        b.setOperationTimeoutInMs(timeoutSeconds * 1000L);
      }
    }
    return b.build();
  }

  /**
   * Opens the session for {@code graph}: a plain local one without replication; otherwise a local
   * one or one connected to task 0 of the cluster, after checking that every worker accepts
   * connections and that every tower device exists.
   *
   * @throws ClusterFailureException when a worker is unreachable
   * @throws IllegalArgumentException when a tower device does not exist
   */
  public Session openSession(Graph graph, ConfigProto config) {
    if (!replicated()) {
      return new Session(graph, config);
    }
    if (cluster != null) {
      cluster.requireReachable(REACH_TIMEOUT);
    }
    TensorFlowInternals.OpenedSession opened;
    try {
      opened = TensorFlowInternals.openSession(graph, cluster == null ? null : cluster.target(0), config);
    } catch (TensorFlowException e) {
      throw cluster == null ? e : new ClusterFailureException("cluster " + cluster + ": cannot open a session on task 0: "
          + firstLine(e.getMessage()), e);
    }
    List<String> missing = new ArrayList<>();
    for (DeviceSpec d : towerDevices()) {
      if (opened.devices().stream().noneMatch(name -> sameDevice(name, d))) {
        missing.add(d.toString());
      }
    }
    if (!missing.isEmpty()) {
      opened.session().close();
      throw new IllegalArgumentException(devicesOption + ": no device " + String.join(", ", missing) + " in "
          + (cluster == null ? "this process" : "cluster " + cluster) + " (it has " + String.join(", ", opened.devices())
          + (cluster == null ? ")" : "); start workers with --virtual-cpus for cpu:N > 0"));
    }
    return opened.session();
  }

  /**
   * What to tell the user when a session call failed on a cluster: worker trouble becomes a
   * {@link ClusterFailureException} naming the cluster, the checkpoint to resume from and how;
   * anything else (and everything without a cluster) is returned unchanged.
   *
   * @param lastCheckpoint the run's latest checkpoint, or null if none
   */
  public RuntimeException explain(TensorFlowException e, String lastCheckpoint) {
    if (cluster == null || !isClusterTrouble(e)) {
      return e;
    }
    String message = firstLine(e.getMessage());
    // Name the culprit: the workers that now refuse connections, else the task TensorFlow names.
    List<String> down = new ArrayList<>();
    cluster.unreachable(REACH_TIMEOUT).forEach((task, why) ->
        down.add("worker task " + task + " (" + cluster.address(task) + ") is down (" + why + ")"));
    Matcher task = TASK.matcher(e.getMessage() == null ? "" : e.getMessage());
    String who = task.find() && Integer.parseInt(task.group(1)) < cluster.size()
        ? "worker task " + task.group(1) + " (" + cluster.address(Integer.parseInt(task.group(1))) + ")" : "a worker";
    boolean deadline = message.contains("Deadline") || message.contains("DEADLINE");
    String what;
    if (!down.isEmpty()) {
      what = String.join(", ", down) + ": the step failed (" + message + ")";
    } else if (deadline) {
      what = "a step got no answer within --cluster-timeout-seconds " + timeoutSeconds
          + " although every worker accepts connections (one may be stuck or overloaded) (" + message + ")";
    } else {
      what = who + " failed or became unreachable (" + message + ")";
    }
    return new ClusterFailureException("cluster " + cluster + ": " + what + ". The last checkpoint is "
        + (lastCheckpoint == null ? "none (no epoch finished)" : lastCheckpoint)
        + "; once every worker is running again (" + cluster.workerCommand("N")
        + "), re-run the same command to resume.", e);
  }

  /**
   * Infrastructure errors (unavailable, deadline exceeded, aborted, cancelled, internal) surface as
   * the base {@link TensorFlowException} in TF-Java 1.1.0; its subclasses are model or input errors.
   */
  private static boolean isClusterTrouble(TensorFlowException e) {
    return e.getClass() == TensorFlowException.class;
  }

  /** A session's device name ({@code /job:localhost/replica:0/task:0/device:CPU:1}) against a spec. */
  private boolean sameDevice(String name, DeviceSpec d) {
    return cluster == null ? name.endsWith(d.toString()) : name.equals(d.toString());
  }

  private static DeviceSpec.Builder onTask(int task) {
    return DeviceSpec.newBuilder().job(ClusterSpec.JOB).replica(0).task(task);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  @Override
  public String toString() {
    if (!replicated()) {
      return "one device";
    }
    List<String> names = new ArrayList<>();
    towerDevices().forEach(d -> names.add(d.toString()));
    return towerDevices().size() + " towers (" + String.join(", ", names) + "), parameters on " + parameterDevice();
  }
}
