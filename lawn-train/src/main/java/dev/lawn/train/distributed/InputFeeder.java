package dev.lawn.train.distributed;

import dev.lawn.data.Batch;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.train.Task;
import dev.lawn.train.Tasks;
import dev.lawn.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.op.io.QueueClose;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The worker's half of {@code --worker-input}: a thread of {@code lawn worker} that waits for the
 * client's {@link InputCommand}, loads the data set from this machine's disk, runs the same seeded
 * pipeline as a single process would, and enqueues this task's towers' rows of every micro-batch
 * into their queues ({@link InputQueues}), as far ahead as the queues' capacity allows.
 *
 * <p>A new command (a resumed or new run) cancels the current production. A failure (no data here,
 * a malformed file) is left in the run's error queue, where the client picks it up, and the data
 * queues are closed so that the client's next step fails at once instead of waiting.
 */
public final class InputFeeder implements Runnable {


  private final ClusterSpec cluster;
  private final int task;
  private final Path dataDir;
  private final PrintWriter log;
  private Producer current;

  /**
   * @param dataDir the data sets' folder on this machine, or null to use the client's {@code data_dir}
   * @param log where the feeder says what it does
   */
  public InputFeeder(ClusterSpec cluster, int task, Path dataDir, PrintWriter log) {
    this.cluster = cluster;
    this.task = task;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** Starts the feeder as a daemon thread. */
  public static Thread start(ClusterSpec cluster, int task, Path dataDir, PrintWriter log) {
    Thread t = new Thread(new InputFeeder(cluster, task, dataDir, log), "lawn-input-feeder");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A session on this task's own server that sees only this task (other workers may be down) and shares its queues. */
  static Session openLocal(Graph graph, ClusterSpec cluster, int task) {
    ConfigProto config = ConfigProto.newBuilder()
        .addDeviceFilters("/job:" + ClusterSpec.JOB + "/replica:0/task:" + task).build();
    return TensorFlowInternals.openSession(graph, cluster.target(task), config).session();
  }

  @Override
  public void run() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(InputQueues.device(task));
      Operand<?> next = tf.io.queueDequeue(InputQueues.control(tf), List.of(TString.class)).components().get(0);
      try (Session session = openLocal(graph, cluster, task)) {
        while (!Thread.currentThread().isInterrupted()) {
          String json;
          try (Result r = session.runner().fetch(next).run()) {
            json = ((TString) r.get(0)).getObject();
          }
          try {
            follow(json);
          } catch (RuntimeException e) { // one bad command must not stop the feeder
            say("input: command failed: " + e);
          }
        }
      }
    } catch (RuntimeException e) {
      say("input feeder stopped: " + e);
    }
  }

  private synchronized void follow(String json) {
    if (current != null) {
      current.cancel();
    }
    InputCommand command;
    try {
      command = InputCommand.parse(json);
    } catch (IllegalArgumentException e) {
      say("input: ignored " + e.getMessage());
      return;
    }
    current = new Producer(command);
    Thread t = new Thread(current, "lawn-input-" + command.nonce().substring(0, 8));
    t.setDaemon(true);
    t.start();
  }

  private void say(String line) {
    synchronized (log) {
      log.println(line);
      log.flush();
    }
  }

  /** The data set's configuration as read on this machine. */
  private TrainConfig local(TrainConfig config) {
    if (dataDir == null) {
      return config;
    }
    return config.toBuilder().dataDir(dataDir).build();
  }

  /** Produces one run's batches for this task's towers. */
  private final class Producer implements Runnable {
    final InputCommand command;
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph).withDevice(InputQueues.device(task));
    final Placeholder<TString> errorFeed;
    final Op reportError;
    final Session session;
    volatile boolean cancelled;
    /** Set (under the lock) when the session and graph are closed. */
    private boolean finished;
    /** Built with the first batch; until then there is nothing to close. */
    volatile Feed feed;

    Producer(InputCommand command) {
      this.command = command;
      FifoQueue errors = InputQueues.errors(tf, command.nonce());
      errorFeed = tf.withName("error").placeholder(TString.class);
      reportError = tf.io.queueEnqueue(errors, List.of(errorFeed));
      Op ack = tf.io.queueEnqueue(InputQueues.acks(tf, command.nonce()), List.of(tf.constant("task " + task)));
      Session opened = null;
      try {
        opened = openLocal(graph, cluster, task);
        opened.run(ack); // the client waits for this before its first step
      } catch (RuntimeException e) {
        if (opened != null) {
          opened.close();
        }
        graph.close();
        throw e;
      }
      session = opened;
    }

    /** Stops the production: a blocked enqueue fails at once. Does nothing once the producer has finished. */
    synchronized void cancel() {
      cancelled = true;
      if (!finished) {
        closeAll(true);
      }
    }

    /** Closes this task's data queues; with {@code cancelPending} a blocked enqueue fails at once. */
    private void closeAll(boolean cancelPending) {
      Feed f = feed;
      if (f == null) {
        return;
      }
      Session.Runner r = session.runner();
      (cancelPending ? f.cancel : f.close).forEach(r::addTarget);
      try {
        r.run();
      } catch (TensorFlowException e) {
        say("input: closing the queues of run " + command.nonce() + " failed: " + e.getMessage());
      }
    }

    @Override
    public void run() {
      say("input: run " + command.nonce() + ": feeding towers " + command.firstTower() + ".."
          + (command.firstTower() + command.localTowers() - 1) + " of " + command.towers() + ", epochs "
          + command.firstEpoch() + ".." + (command.config().optimizer().epochs() - 1));
      try {
        produce();
        say("input: run " + command.nonce() + ": all batches fed");
      } catch (RuntimeException e) {
        if (cancelled) {
          say("input: run " + command.nonce() + ": superseded");
        } else {
          String why = e.getMessage() == null ? e.toString() : e.getMessage();
          say("input: run " + command.nonce() + " failed: " + why);
          try (TString message = TString.scalarOf(why)) {
            session.runner().feed(errorFeed, message).addTarget(reportError).run();
          } catch (RuntimeException ignored) {
            // The client then sees the closed queues without the reason.
          }
          closeAll(false);
        }
      } finally {
        synchronized (this) {
          finished = true;
          session.close();
          graph.close();
        }
      }
    }

    private void produce() {
      TrainConfig config = local(command.config());
      int k = command.towers();
      try (Task source = Tasks.load(config);
          BatchIterator batches = source.trainingStream(command.microBatch())
              .epochs(command.firstEpoch(), config.optimizer().epochs() - command.firstEpoch())) {
        while (batches.hasNext() && !cancelled) {
          try (Batch batch = batches.next()) {
            if (feed == null) {
              feed = new Feed(batch);
            }
            int[] sizes = new int[k];
            for (int i = 0; i < k; i++) {
              sizes[i] = InputQueues.rowsOfTower(batch.size(), k, i);
            }
            try (TInt32 sizeTensor = TInt32.vectorOf(sizes)) {
              Session.Runner r = session.runner().feed(feed.sizes, sizeTensor);
              for (int c = 0; c < feed.names.size(); c++) {
                r.feed(feed.inputs.get(c), batch.tensors().get(feed.names.get(c)));
              }
              feed.enqueue.forEach(r::addTarget);
              r.run(); // blocks while the towers' queues are full
            }
          }
        }
      }
    }

    /** The feeding part of the graph, shaped by the first batch. */
    private final class Feed {
      final List<String> names;
      final List<Placeholder<?>> inputs = new ArrayList<>();
      final Placeholder<TInt32> sizes;
      final List<Op> enqueue = new ArrayList<>();
      final List<Op> close = new ArrayList<>();
      final List<Op> cancel = new ArrayList<>();

      @SuppressWarnings({"unchecked", "rawtypes"})
      Feed(Batch batch) {
        names = InputQueues.components(batch.tensors().keySet());
        List<Class<? extends TType>> types = new ArrayList<>();
        for (String name : names) {
          Tensor t = batch.tensors().get(name);
          if (t == null) {
            throw new IllegalStateException("the data pipeline has no '" + name + "' column");
          }
          types.add(((TType) t).type());
        }
        sizes = tf.withName("sizes").placeholder(TInt32.class);
        List<List<Operand<?>>> perTower = new ArrayList<>();
        for (int i = 0; i < command.towers(); i++) {
          perTower.add(new ArrayList<>());
        }
        for (int c = 0; c < names.size(); c++) {
          Placeholder<?> p = tf.withName("feed_" + names.get(c)).placeholder((Class) types.get(c));
          inputs.add(p);
          var parts = tf.splitV((Operand<TType>) p, sizes, tf.constant(0), (long) command.towers());
          for (int i = 0; i < command.towers(); i++) {
            perTower.get(i).add(parts.output().get(i));
          }
        }
        for (int t = command.firstTower(); t < command.firstTower() + command.localTowers(); t++) {
          FifoQueue q = InputQueues.data(tf, command.nonce(), t, types);
          enqueue.add(tf.io.queueEnqueue(q, perTower.get(t)));
          close.add(tf.io.queueClose(q, QueueClose.cancelPendingEnqueues(false)));
          cancel.add(tf.io.queueClose(q, QueueClose.cancelPendingEnqueues(true)));
        }
      }
    }
  }
}
