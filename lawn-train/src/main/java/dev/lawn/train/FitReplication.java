package dev.lawn.train;

import dev.lawn.models.Model;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.train.distributed.DeviceList;
import dev.lawn.train.distributed.Placement;
import dev.lawn.train.distributed.Towers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;

/**
 * Where a {@link Fit}'s graph runs: one device, or data-parallel towers of a lawn-models model over
 * devices of this process ({@link Fit.Builder#replicate}), set up as {@code lawn train --devices}
 * sets them up ({@link Placement}: training ops and optimizer on CPU 0, virtual CPU devices, soft
 * placement for GPUs; {@link Towers}: one forward/backward pass per device on its share of the
 * batch, the one set of variables, the gradients summed).
 */
final class FitReplication {

  /** The setting every message of a replicated fit names. */
  static final String OPTION = "Fit.Builder.replicate";

  private static final String SAVED_MODEL_PB = "saved_model.pb";
  private static final FitReplication NONE = new FitReplication(Placement.singleDevice(), null);

  private final Placement placement;
  private final Function<Ops, Model> factory;

  private FitReplication(Placement placement, Function<Ops, Model> factory) {
    this.placement = placement;
    this.factory = factory;
  }

  /**
   * Checks a fit's replication setting against its model, before anything is added to the graph.
   *
   * @param devices the tower devices
   * @param factory builds the model again (null: no replication asked, one device)
   * @throws IllegalArgumentException a one-line message naming {@link #OPTION}
   */
  static FitReplication check(List<DeviceSpec> devices, Function<Ops, Model> factory, FitModel model) {
    if (factory == null) {
      return NONE;
    }
    Placement placement = Placement.local(OPTION, devices);
    List<DeviceSpec> specs = placement.towerDevices();
    if (model.source() == null) {
      throw new IllegalArgumentException(OPTION + " needs a FitModel of a lawn-models Model (FitModel.of(model, label)),"
          + " which the towers rebuild with the factory; write a graph of your own as a dev.lawn.models.Model"
          + " built by a function of Ops to replicate it");
    }
    // The variables stay on CPU 0, as lawn train --devices keeps them. Unplaced, TensorFlow puts them
    // on its default device: CPU 0 when the towers are CPUs, but GPU 0 when there are GPUs.
    boolean gpus = specs.stream().anyMatch(d -> d.deviceType() == DeviceSpec.DeviceType.GPU);
    for (TrainableVariable v : model.variables()) {
      String device = v.variable().op() instanceof GraphOperation op ? op.device() : "";
      boolean onCpu0 = device.toUpperCase(java.util.Locale.ROOT).endsWith("CPU:0");
      if (!device.isEmpty() && !onCpu0) {
        throw new IllegalArgumentException(OPTION + ": variable " + v.name() + " is placed on " + device
            + "; build the model without a device or on cpu:0, where the towers share its variables");
      }
      if (gpus && !onCpu0) {
        throw new IllegalArgumentException(OPTION + ": with gpu towers build the model on cpu:0"
            + " (Ops.create(graph).withDevice(cpu:0)), where the towers share its variables; variable "
            + v.name() + " has no device, which would put it on gpu:0");
      }
    }
    return new FitReplication(placement, factory);
  }

  /** Whether the model is replicated over towers. */
  boolean replicated() {
    return factory != null;
  }

  /** The scope of the training ops: CPU 0 when replicated, else no device. */
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
   * Opens the session: with replication, with the virtual CPU devices (or soft placement) the towers
   * need added to {@code config}, after checking that every tower device exists.
   */
  Session open(Graph graph, ConfigProto config) {
    return placement.openSession(graph, placement.configure(config));
  }

  /** The tower devices as {@code --devices} writes them ({@code cpu:0,cpu:1}), or null on one device. */
  String devicesText() {
    return replicated() ? DeviceList.text(placement.towerDevices()) : null;
  }

  /**
   * Clears every op's device in an exported SavedModel's graph, as Python's exporter does with
   * {@code clear_devices}: a replicated graph places its towers' ops on {@code cpu:1}, {@code gpu:1},
   * ..., which a loading session without those devices refuses; unplaced, the serving ops run on the
   * loader's default device. The variables' files hold no devices.
   */
  static void clearDevices(Path savedModel) throws IOException {
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

  /** What {@code summary.json} adds: the devices, when replicated. */
  Map<String, Object> summaryExtras() {
    return replicated() ? Map.of("devices", devicesText()) : Map.of();
  }
}
