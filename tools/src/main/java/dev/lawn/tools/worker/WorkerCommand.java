package dev.lawn.tools.worker;

import dev.lawn.train.distributed.ClusterSpec;
import dev.lawn.train.distributed.WorkerServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lawn worker}: one machine of a training cluster. Start one per {@code host:port} of the
 * cluster (the same {@code --cluster} everywhere, each with its own {@code --task}), then run
 * {@code lawn train --cluster ...} from any machine that reaches them. Serves until killed.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve one task of a training cluster (TensorFlow's gRPC runtime) until killed.",
        "Start one worker per cluster address, then: lawn train --cluster <same list> ...",
        "The port listens on EVERY interface, without authentication or encryption, whatever host",
        "--cluster names: anyone who reaches it runs code as this user. Trusted networks only;",
        "see docs/SECURITY.md and docs/DISTRIBUTED.md."})
public final class WorkerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--cluster", required = true, paramLabel = "HOST:PORT,...|FILE",
      description = "every worker's address, task 0 first (or a file with one host:port per line)")
  String cluster;

  @Option(names = "--task", required = true, description = "this worker's index in --cluster (0 = the first address)")
  int task;

  @Option(names = "--virtual-cpus", defaultValue = "1",
      description = "CPU devices this worker offers, for training with --devices cpu:0,cpu:1,... (default 1)")
  int virtualCpus;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "the data sets' folder on this machine, for clients training with --worker-input (default: the client's --data-dir)")
  Path dataDir;

  @Mixin TrustedNetworkOption network;

  @Override
  public Integer call() {
    ClusterSpec spec = ClusterSpec.parse("--cluster", cluster);
    spec.address(task); // a clear message for a --task outside the cluster, before TensorFlow starts
    WorkerServer.serve(spec, task, virtualCpus, dataDir, this.spec.commandLine().getOut(),
        this.spec.commandLine().getErr(), network.acknowledged());
    return 0;
  }
}
