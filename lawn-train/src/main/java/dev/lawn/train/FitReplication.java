package dev.lawn.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.models.Model;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.train.checkpoint.CheckpointStore;
import dev.lawn.train.distributed.ClusterSpec;
import dev.lawn.train.distributed.DeviceList;
import dev.lawn.train.distributed.Placement;
import dev.lawn.train.distributed.Towers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;

/**
 * Where a {@link Fit}'s graph runs: one device, or data-parallel towers of a lawn-models model over
 * devices of this process or of a cluster of {@code lawn worker}s ({@link Fit.Builder#replicate}), set
 * up as {@code lawn train --devices}/{@code --cluster} sets them up ({@link Placement}: training ops
 * and optimizer on the parameter device, virtual CPU devices, soft placement for GPUs, a session on
 * task 0 of a cluster; {@link Towers}: one forward/backward pass per device on its share of the
 * batch, the one set of variables, the gradients summed).
 */
final class FitReplication {

  /** The setting every message of a replicated fit names. */
  static final String OPTION = "Fit.Builder.replicate";

  private static final String SAVED_MODEL_PB = "saved_model.pb";
  /** CPU 0 of task 0 of a cluster, however the device string spells it. */
  private static final Pattern TASK_0_CPU_0 = Pattern.compile(
      "(?i)/job:" + ClusterSpec.JOB + "(/replica:0)?/task:0/(device:)?cpu:0");
  private static final FitReplication NONE = new FitReplication(Placement.singleDevice(), null);

  private final Placement placement;
  private final Function<Ops, Model> factory;

  private FitReplication(Placement placement, Function<Ops, Model> factory) {
    this.placement = placement;
    this.factory = factory;
  }

  /**
   * What {@link Fit.Builder#replicate} was given, resolved by {@link #check}.
   *
   * @param placement makes the towers' placement (a local one checks its devices when called)
   * @param factory builds the model again (null: no replication asked, one device)
   */
  record Request(Supplier<Placement> placement, Function<Ops, Model> factory) {
    /** No replication asked. */
    static final Request NONE = new Request(Placement::singleDevice, null);

    /** Towers on {@code devices} of this process, checked by {@link #check}. */
    static Request local(List<DeviceSpec> devices, Function<Ops, Model> factory) {
      List<DeviceSpec> copy = devices == null ? List.of() : new ArrayList<>(devices);
      return new Request(() -> Placement.local(OPTION, copy), Objects.requireNonNull(factory, "modelFactory"));
    }

    /** Towers as {@code placement} puts them. */
    static Request of(Placement placement, Function<Ops, Model> factory) {
      Objects.requireNonNull(placement, "placement");
      return new Request(() -> placement, Objects.requireNonNull(factory, "modelFactory"));
    }
  }

  /**
   * Checks a fit's replication setting against its model, before anything is added to the graph.
   *
   * @throws IllegalArgumentException a one-line message naming {@link #OPTION}
   */
  static FitReplication check(Request request, FitModel model) {
    Function<Ops, Model> factory = request.factory();
    Placement placement = request.placement().get();
    if (factory == null || !placement.replicated()) {
      return NONE; // Placement.singleDevice(): a caller's optional cluster left unset trains on one device
    }
    Placement named = placement.namedBy(OPTION); // its messages name the method, not --devices
    if (named.workerInput()) {
      throw new IllegalArgumentException(OPTION + ": worker input (lawn train --worker-input) is the command line's"
          + " only; a Fit feeds every batch from this process: use Placement.of(devices, cluster, timeoutSeconds)");
    }
    if (model.source() == null) {
      throw new IllegalArgumentException(OPTION + " needs a FitModel of a lawn-models Model (FitModel.of(model, label)),"
          + " which the towers rebuild with the factory; write a graph of your own as a dev.lawn.models.Model"
          + " built by a function of Ops to replicate it");
    }
    // The variables stay on the parameter device (CPU 0 of this process or of task 0), as lawn train
    // keeps them. Unplaced, TensorFlow puts them on its default device (of task 0 on a cluster): its
    // CPU 0 when the towers are CPUs, but GPU 0 when there are GPUs.
    boolean gpus = named.towerDevices().stream().anyMatch(d -> d.deviceType() == DeviceSpec.DeviceType.GPU);
    String parameters = named.cluster().isPresent() ? named.parameterDevice().toString() : "cpu:0";
    for (TrainableVariable v : model.variables()) {
      String device = v.variable().op() instanceof GraphOperation op ? op.device() : "";
      boolean onParameters = onParameterDevice(device, named);
      if (!device.isEmpty() && !onParameters) {
        throw new IllegalArgumentException(OPTION + ": variable " + v.name() + " is placed on " + device
            + "; build the model without a device or on " + parameters + ", where the towers share its variables");
      }
      if (gpus && !onParameters) {
        throw new IllegalArgumentException(OPTION + ": with gpu towers build the model on " + parameters
            + " (Ops.create(graph).withDevice(" + (named.cluster().isPresent() ? "placement.parameterDevice()" : "cpu:0")
            + ")), where the towers share its variables; variable " + v.name() + " has no device, which would put it on gpu:0");
      }
    }
    return new FitReplication(named, factory);
  }

  /** Whether {@code device} (an op's requested device) is the placement's parameter device. */
  private static boolean onParameterDevice(String device, Placement placement) {
    return placement.cluster().isPresent() ? TASK_0_CPU_0.matcher(device).matches()
        : device.toUpperCase(Locale.ROOT).endsWith("CPU:0");
  }

  /**
   * The optimization as this placement runs it. On a cluster the variables and LAWN's step live in
   * worker task 0, which has not loaded lawn-ops' fused kernels: LAWN uses graph ops there, as
   * {@code lawn train --cluster} does ({@code AUTO} becomes {@code GRAPH_OPS}).
   *
   * @throws IllegalArgumentException naming {@link #OPTION} for {@link KernelChoice#FUSED} on a cluster
   */
  Optimization optimization(Optimization o) {
    if (placement.cluster().isEmpty() || o.lawn() == null || o.lawn().kernels() == KernelChoice.GRAPH_OPS) {
      return o;
    }
    if (o.lawn().kernels() == KernelChoice.FUSED) {
      throw new IllegalArgumentException(OPTION + ": LAWN's fused kernels (KernelChoice.FUSED) run in this process"
          + " only, but on a cluster the variables live on worker task 0: use KernelChoice.AUTO or GRAPH_OPS");
    }
    return o.withLawnSettings(o.lawn().withKernels(KernelChoice.GRAPH_OPS)); // epsilon, clip norm, schedule kept
  }

  /** Whether the model is replicated over towers. */
  boolean replicated() {
    return factory != null;
  }

  /** The scope of the training ops: the parameter device (CPU 0 here or of task 0) when replicated, else no device. */
  Ops scope(Graph graph) {
    return placement.parameterScope(Ops.create(graph));
  }

  /**
   * The towers' forward passes, added to {@code tf}'s graph (null without replication).
   *
   * @throws IllegalArgumentException naming {@link #OPTION} when the factory's model differs from the
   *     fit's (variables, their shapes, inputs); nothing has been added to the graph then
   */
  Towers towers(Ops tf, FitModel model) {
    if (!replicated()) {
      return null;
    }
    try {
      return Towers.forward(tf, placement.towerDevices(), factory, model.source());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(OPTION + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the session: with replication, with what the placement needs added to {@code config}
   * (virtual CPU devices, soft placement, a cluster's step timeout and isolated state), on task 0 of a
   * cluster after checking that every worker answers, and after checking that every tower device exists.
   *
   * @throws IllegalArgumentException naming {@link #OPTION} for a tower device that does not exist
   * @throws dev.lawn.train.distributed.ClusterFailureException for a worker that does not answer
   */
  Session open(Graph graph, ConfigProto config) {
    return placement.openSession(graph, placement.configure(config));
  }

  /**
   * The tower devices, or null on one device: of this process as {@code --devices} writes them
   * ({@code cpu:0,cpu:1}); on a cluster as TensorFlow names them
   * ({@code /job:worker/replica:0/task:0/device:CPU:0,...}), so that a resume elsewhere says so.
   */
  String devicesText() {
    if (!replicated()) {
      return null;
    }
    if (placement.cluster().isEmpty()) {
      return DeviceList.text(placement.towerDevices());
    }
    return String.join(",", placement.towerDevices().stream().map(DeviceSpec::toString).toList());
  }

  /** The cluster's worker addresses as {@code --cluster} takes them (task 0 first), or null without one. */
  String clusterText() {
    return placement.cluster().map(ClusterSpec::toString).orElse(null);
  }

  /**
   * What to throw for a session call that failed: on a cluster, worker trouble becomes one
   * {@link dev.lawn.train.distributed.ClusterFailureException} naming the worker and the run's latest
   * checkpoint ({@link Placement#explain}); anything else is returned unchanged.
   *
   * @param runDirectory the run's folder, or null
   */
  RuntimeException explain(TensorFlowException e, Path runDirectory, int keepCheckpoints) throws IOException {
    if (placement.cluster().isEmpty()) {
      return e;
    }
    String last = runDirectory == null ? "none (the fit has no run directory)"
        : new CheckpointStore(runDirectory.resolve(RunDirectory.CHECKPOINTS), keepCheckpoints).latest()
            .map(c -> c.dir().toString()).orElse(null);
    return placement.explain(e, last);
  }

  /**
   * Clears every op's device in an exported SavedModel's graph, as Python's exporter does with
   * {@code clear_devices}: a replicated graph places its towers' ops on {@code cpu:1}, {@code gpu:1},
   * ..., which a loading session without those devices refuses; unplaced, the serving ops run on the
   * loader's default device. The variables' files hold no devices.
   */
  void clearDevices(Path savedModel) throws IOException {
    if (!replicated()) {
      return; // a graph built without devices
    }
    Path file = savedModel.resolve(SAVED_MODEL_PB);
    SavedModel.Builder model = SavedModel.parseFrom(Files.readAllBytes(file)).toBuilder();
    for (MetaGraphDef.Builder meta : model.getMetaGraphsBuilderList()) {
      GraphDef.Builder graph = meta.getGraphDefBuilder();
      graph.getNodeBuilderList().forEach(NodeDef.Builder::clearDevice);
      for (FunctionDef.Builder function : graph.getLibraryBuilder().getFunctionBuilderList()) {
        function.getNodeDefBuilderList().forEach(NodeDef.Builder::clearDevice);
      }
    }
    Path tmp = file.resolveSibling("." + SAVED_MODEL_PB + ".tmp");
    Files.write(tmp, model.build().toByteArray());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Puts {@code devices} and {@code cluster} (null when none) into a fit's {@code config.json} settings. */
  void putSettings(ObjectNode settings) {
    settings.put("devices", devicesText());
    settings.put("cluster", clusterText()); // both RunDirectory.RESUMABLE_KEYS: a resume may move
  }

  /** What {@code summary.json} adds: the devices when replicated, and the cluster on one. */
  Map<String, Object> summaryExtras() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (replicated()) {
      out.put("devices", devicesText());
    }
    if (clusterText() != null) {
      out.put("cluster", clusterText());
    }
    return out;
  }
}
