package dev.lawn.train.config;

import dev.lawn.train.distributed.Placement;

/**
 * Where a run's graph runs. The device list is checked here; the cluster (addresses or a file) is
 * read by {@link #placement()} when the run starts, so that a run folder's configuration can be read
 * back after its cluster file is gone.
 *
 * @param devices data-parallel towers, {@code cpu:N}/{@code gpu:N} comma-separated (null = one device)
 * @param cluster worker addresses {@code host:port,...} or a cluster file (null = this process)
 * @param clusterTimeoutSeconds longest wait of one step on the cluster before the run fails (0 = no limit)
 * @param workerInput with a cluster: every worker produces its towers' batches from its own copy of
 *     the data set (see {@link dev.lawn.train.distributed.WorkerInput})
 * @param threads TensorFlow intra-op threads (0 = TensorFlow's default)
 */
public record PlacementSettings(String devices, String cluster, int clusterTimeoutSeconds, boolean workerInput,
    int threads) {

  /** Default of {@link #clusterTimeoutSeconds}: ten minutes for one step. */
  public static final int DEFAULT_CLUSTER_TIMEOUT_SECONDS = 600;

  public PlacementSettings {
    devices = devices == null || devices.isBlank() ? null : devices.strip();
    cluster = cluster == null || cluster.isBlank() ? null : cluster.strip();
    Check.nonNegative("--cluster-timeout-seconds", clusterTimeoutSeconds);
    Check.require(!workerInput || cluster != null,
        "--worker-input needs --cluster: only workers of a cluster produce their own input");
    Check.nonNegative("--threads", threads);
    Placement.of(devices, null, clusterTimeoutSeconds); // names --devices when a device is malformed
  }

  /** One device of this process, TensorFlow's threads. */
  public static PlacementSettings defaults() {
    return new PlacementSettings(null, null, DEFAULT_CLUSTER_TIMEOUT_SECONDS, false, 0);
  }

  /** The placement, with the cluster's addresses read. */
  public Placement placement() {
    return Placement.of(devices, cluster, clusterTimeoutSeconds, workerInput);
  }
}
