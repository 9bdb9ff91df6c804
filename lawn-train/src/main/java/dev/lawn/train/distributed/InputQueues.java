package dev.lawn.train.distributed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tensorflow.DeviceSpec;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The queues through which workers feed their own towers ({@code --worker-input}), declared the same
 * way by the client's graph ({@link WorkerInput}) and by each worker's feeder ({@link InputFeeder}):
 * TensorFlow shares a queue between two sessions on the same server when both declare it with the
 * same shared name, types and capacity on the same device, and the sessions do not isolate their state.
 *
 * <p>Every queue lives on CPU 0 of the task whose towers it feeds. Per task: one control queue of
 * JSON commands ({@link InputCommand}), the client's only message to the feeder. Per run (named by
 * the run's nonce): one data queue per tower, holding that tower's share of each micro-batch (model
 * inputs in name order, then the label), one queue where the feeder acknowledges the command, and one
 * error queue where a failing feeder leaves its reason.
 */
final class InputQueues {

  /** Name of the label component, last in every data queue. */
  static final String LABEL = "label";
  /** Micro-batches a data queue holds ahead of the training step (the feeder's prefetch). */
  static final long DATA_CAPACITY = 2;
  static final long CONTROL_CAPACITY = 16;

  private InputQueues() {}

  /** The queue device of {@code task}: its CPU 0. */
  static DeviceSpec device(int task) {
    return DeviceSpec.newBuilder().job(ClusterSpec.JOB).replica(0).task(task)
        .deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build();
  }

  /** The order of a data queue's components: the model's input names sorted, then the label. */
  static List<String> components(Collection<String> inputNames) {
    List<String> out = new ArrayList<>(inputNames);
    out.remove(LABEL);
    out.sort(null);
    out.add(LABEL);
    return out;
  }

  static FifoQueue control(Ops onTask) {
    return onTask.withName("input_control").io.fifoQueue(List.of(TString.class),
        FifoQueue.sharedName("lawn_input_control"), FifoQueue.capacity(CONTROL_CAPACITY));
  }

  static FifoQueue data(Ops onTask, String nonce, int tower, List<Class<? extends TType>> types) {
    return onTask.withName("input_tower_" + tower).io.fifoQueue(types,
        FifoQueue.sharedName("lawn_input_" + nonce + "_tower_" + tower), FifoQueue.capacity(DATA_CAPACITY));
  }

  /** Where a feeder confirms that it took the run's command (one element per command). */
  static FifoQueue acks(Ops onTask, String nonce) {
    return onTask.withName("input_acks").io.fifoQueue(List.of(TString.class),
        FifoQueue.sharedName("lawn_input_" + nonce + "_acks"), FifoQueue.capacity(CONTROL_CAPACITY));
  }

  static FifoQueue errors(Ops onTask, String nonce) {
    return onTask.withName("input_errors").io.fifoQueue(List.of(TString.class),
        FifoQueue.sharedName("lawn_input_" + nonce + "_errors"), FifoQueue.capacity(CONTROL_CAPACITY));
  }

  /** Rows of tower {@code i} of {@code k} in a batch of {@code n}: the split of {@link Towers}. */
  static int rowsOfTower(int n, int k, int i) {
    return n / k + (i < n % k ? 1 : 0);
  }
}
