package dev.lawn.train.distributed;

import dev.lawn.train.TrainConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.op.io.QueueDequeue;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The client's half of {@code --worker-input}: every worker produces the run's batches itself, from
 * its own copy of the data set, and each tower takes its rows from a queue on its own machine. No
 * batch crosses the network; the client sends each worker one small command per session
 * ({@link InputCommand}) and never reads training data.
 *
 * <p>Built into the training graph: per tower, a dequeue on the tower's task whose outputs replace
 * the tower's share of the model's inputs ({@link Towers#forward(Ops, List, java.util.function.Function,
 * dev.lawn.models.Model, List)}); the labels of all towers, concatenated in batch order, replace the
 * label placeholder in the loss. Each training pass dequeues exactly one micro-batch per tower, so
 * the client must run exactly the passes of the single-process schedule (it does: the sizes follow
 * from the row count and micro-batch size alone).
 */
public final class WorkerInput {

  private final ClusterSpec cluster;
  private final String nonce = UUID.randomUUID().toString().replace("-", "");
  private final List<DeviceSpec> towers;
  private final List<Map<String, Operand<?>>> towerInputs = new ArrayList<>();
  private final Operand<? extends TType> label;
  private final List<Placeholder<TString>> commandFeeds = new ArrayList<>();
  private final List<Op> sendCommand = new ArrayList<>();
  private final List<Operand<TInt32>> errorCounts = new ArrayList<>();
  private final List<Operand<TInt32>> ackCounts = new ArrayList<>();
  private final List<Operand<TString>> takeError = new ArrayList<>();

  /**
   * @param tf the parameter scope (the labels are concatenated there)
   * @param placement a cluster placement
   * @param inputs the model's inputs by name (their types fix the queues')
   * @param labelType the label's type
   */
  @SuppressWarnings("unchecked")
  public WorkerInput(Ops tf, Placement placement, Map<String, Operand<?>> inputs, Class<? extends TType> labelType) {
    this.cluster = placement.cluster().orElseThrow(() -> new IllegalArgumentException("--worker-input needs --cluster"));
    this.towers = placement.towerDevices();
    List<String> names = InputQueues.components(inputs.keySet());
    List<Class<? extends TType>> types = new ArrayList<>();
    for (String name : names) {
      types.add(name.equals(InputQueues.LABEL) ? labelType : inputs.get(name).type());
    }
    List<Operand<TType>> labels = new ArrayList<>();
    for (int t = 0; t < towers.size(); t++) {
      Ops onTask = tf.withDevice(InputQueues.device(towers.get(t).task()));
      FifoQueue queue = InputQueues.data(onTask, nonce, t, types);
      QueueDequeue dequeue = onTask.withName("input_tower_" + t + "_dequeue").io.queueDequeue(queue, types);
      Map<String, Operand<?>> row = new LinkedHashMap<>();
      for (int c = 0; c < names.size(); c++) {
        row.put(names.get(c), dequeue.components().get(c));
      }
      labels.add((Operand<TType>) row.remove(InputQueues.LABEL));
      towerInputs.add(row);
    }
    label = labels.size() == 1 ? tf.identity(labels.get(0)) : tf.concat(labels, tf.constant(0));
    for (int task = 0; task < cluster.size(); task++) {
      Ops onTask = tf.withDevice(InputQueues.device(task)).withSubScope("input_task_" + task);
      Placeholder<TString> feed = onTask.withName("command").placeholder(TString.class);
      commandFeeds.add(feed);
      sendCommand.add(onTask.io.queueEnqueue(InputQueues.control(onTask), List.of(feed)));
      ackCounts.add(onTask.io.queueSize(InputQueues.acks(onTask, nonce)));
      FifoQueue errors = InputQueues.errors(onTask, nonce);
      errorCounts.add(onTask.io.queueSize(errors));
      takeError.add((Operand<TString>) onTask.io.queueDequeue(errors, List.of(TString.class)).components().get(0));
    }
  }

  /** Per tower, its rows of the model's inputs (dequeued on its machine). */
  public List<Map<String, Operand<?>>> towerInputs() {
    return towerInputs;
  }

  /** All towers' labels in batch order, for the loss. */
  public Operand<? extends TType> label() {
    return label;
  }

  /**
   * Tells every worker to produce the batches of epochs {@code firstEpoch ..} of {@code config}
   * in passes of {@code microBatch} examples, and waits until every worker's feeder has taken its
   * command. Call once per session, before the first pass.
   *
   * @param ackTimeout how long to wait for the feeders
   * @throws ClusterFailureException naming the workers whose feeder did not answer (a worker started
   *     by an older lawn, or one whose feeder stopped: see its log)
   */
  public void start(Session session, TrainConfig config, int firstEpoch, int microBatch, Duration ackTimeout) {
    int perTask = towers.size() / cluster.size();
    for (int task = 0; task < cluster.size(); task++) {
      var command = new InputCommand(nonce, config, firstEpoch, microBatch, towers.size(), task * perTask, perTask);
      try (TString json = TString.scalarOf(command.toJson())) {
        session.runner().feed(commandFeeds.get(task), json).addTarget(sendCommand.get(task)).run();
      }
    }
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    List<Integer> silent = silentFeeders(session);
    while (!silent.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the workers' input feeders", e);
      }
      silent = silentFeeders(session);
    }
    if (!silent.isEmpty()) {
      List<String> names = new ArrayList<>();
      silent.forEach(t -> names.add("task " + t + " (" + cluster.address(t) + ")"));
      throw new ClusterFailureException("--worker-input: the input feeder of worker " + String.join(", ", names)
          + " did not take its command within " + ackTimeout.toSeconds() + " s; run this version's 'lawn worker' there"
          + " (its log says 'input: run ...' once it feeds), or train without --worker-input");
    }
  }

  /** The tasks whose feeder has not acknowledged this run's command yet. */
  private List<Integer> silentFeeders(Session session) {
    List<Integer> silent = new ArrayList<>();
    for (int task = 0; task < cluster.size(); task++) {
      try (Result r = session.runner().fetch(ackCounts.get(task)).run()) {
        if (((TInt32) r.get(0)).getInt() < 1) {
          silent.add(task);
        }
      }
    }
    return silent;
  }

  /**
   * The reason a worker left when its feeder failed (data missing on that machine, ...), or empty.
   * Asks every reachable worker; never blocks on one that has nothing to say.
   */
  public Optional<String> failure(Session session) {
    for (int task = 0; task < cluster.size(); task++) {
      try {
        int waiting;
        try (Result r = session.runner().fetch(errorCounts.get(task)).run()) {
          waiting = ((TInt32) r.get(0)).getInt();
        }
        if (waiting > 0) {
          try (Result r = session.runner().fetch(takeError.get(task)).run()) {
            return Optional.of("--worker-input: worker task " + task + " (" + cluster.address(task)
                + ") could not produce its input: " + ((TString) r.get(0)).getObject());
          }
        }
      } catch (RuntimeException unreachable) {
        // A dead worker is reported by Placement.explain.
      }
    }
    return Optional.empty();
  }
}
