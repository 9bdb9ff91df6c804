package dev.lawn.train;

import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.train.callbacks.Checkpointer;
import dev.lawn.train.callbacks.MetricsLogger;
import dev.lawn.train.callbacks.NanGuard;
import dev.lawn.train.callbacks.TensorBoardLogger;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import dev.lawn.train.config.OptimizerSettings;
import dev.lawn.train.distributed.ClusterFailureException;
import dev.lawn.train.distributed.Placement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;

/**
 * Runs one configuration of the zoo ({@code lawn train}): loads the data set as a {@link Task}, builds
 * its model, and trains it through the same loop and callbacks as {@link Fit} (checkpoints with exact
 * resume, NaN guard, {@code metrics.jsonl}, TensorBoard), plus what only the command line has: the
 * run folder's {@code config.json} and {@code model.json}, devices and clusters.
 */
public final class Trainer {

  /**
   * How long a run with {@code --worker-input} waits for every worker's feeder to take its command
   * (less when {@code --cluster-timeout-seconds} is shorter).
   */
  static final Duration WORKER_INPUT_ACK_TIMEOUT = Duration.ofSeconds(30);

  private final TrainConfig config;
  private final Path out;
  private final TrainingListener listener;
  private KernelChoice kernels = KernelChoice.AUTO;
  /** Whether {@link #run()} has handed over to the training loop (which then records failures itself). */
  private boolean looping;

  public Trainer(TrainConfig config, Path out, TrainingListener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.out = out;
    this.listener = listener;
  }

  /** How LAWN's constrained step is computed (default AUTO); cluster runs always use graph ops. */
  public Trainer kernels(KernelChoice choice) {
    this.kernels = Objects.requireNonNull(choice, "choice");
    return this;
  }

  /** Trains (or resumes) the run and returns its summary. */
  public Map<String, Object> run() throws IOException {
    try (Task task = Tasks.load(config)) {
      String lossName = ZooGraph.lossConfig(config, task).name();
      if (task.binary() && lossName.equals("softmax-ce")) {
        throw new IllegalArgumentException("--loss softmax-ce needs a classifier; " + config.data().name() + " is binary");
      }
      OptimizerSettings o = config.optimizer();
      int cap = o.microBatchSize() > 0 ? o.microBatchSize() : task.autoMicroBatch();
      Plan plan = Plan.of(task.rowsPerEpoch(), o.batchSize(), cap, o.epochs(), o.warmupEpochs());
      Placement placement = config.placement().placement(); // a --cluster file is read here
      Optimization optimization = ZooGraph.optimization(config, placement, kernels); // built once, from the parsed settings
      RunDirectory run = RunDirectory.openForTraining(out, config); // locks the folder until the try below ends
      try (run; Graph graph = new Graph()) {
        looping = false;
        try {
          return train(run, graph, task, plan, placement, optimization);
        } catch (IOException | RuntimeException | Error e) {
          if (!looping) { // still locked here: the record describes this attempt, not an older one
            RunFailure.record(out, e, RunFailure.BEFORE_TRAINING);
          }
          throw e;
        }
      }
    }
  }

  /** Builds the graph in the locked run folder and hands over to the training loop. */
  private Map<String, Object> train(RunDirectory run, Graph graph, Task task, Plan plan, Placement placement,
      Optimization optimization) throws IOException {
    run.writeJson(RunDirectory.MODEL, modelJson(task));
    task.writeRunFiles(run.path());
    task.notes().forEach(listener::onMessage);
    ZooGraph zoo = new ZooGraph(graph, config, task, placement, plan, optimization);
    try (Session session = placement.openSession(graph, placement.configure(sessionConfig()))) {
      if (placement.replicated()) {
        listener.onMessage("data-parallel on " + placement);
      }
      try {
        session.initialize();
        FitLoop.Settings settings = settings(task, zoo, plan, optimization);
        looping = true; // from here the loop records its own failures, with the epoch
        return new FitLoop(zoo.training, session, settings, callbacks(zoo, plan)).run().summary();
      } catch (TensorFlowException e) {
        throw explain(e, zoo, session, placement);
      }
    }
  }

  private FitLoop.Settings settings(Task task, ZooGraph zoo, Plan plan, Optimization optimization) {
    // With worker input the workers produce the batches and this process only counts them.
    BatchStream stream = zoo.workerInput == null ? task.trainingStream(plan.microBatch()) : null;
    Evaluation evaluation = Evaluation.selecting(task.selectionMetric(), s -> task.evaluate(s, zoo.model));
    return new FitLoop.Settings(plan, stream, evaluation, optimization.switchPolicy(),
        config.optimizer().warmupEpochs(), "e-free " + config.lawn().eFree(),
        config.logging().evalEvery(), out, Map.of("config", RunDirectory.toJson(config)),
        config.placement().devices());
  }

  /** The run folder's callbacks, the listener, and the workers' input when they feed themselves. */
  private List<Callback> callbacks(ZooGraph zoo, Plan plan) {
    Callback workerInput = new Callback() {
      @Override
      public void onTrainBegin(FitContext context) {
        zoo.workerInput.start(context.session(), config, context.firstEpoch(), plan.microBatch(), workerInputAckTimeout());
      }
    };
    Callback progress = new ListenerCallback(listener, config, zoo.model.summary());
    List<Callback> standard = List.of(new NanGuard(), new MetricsLogger(), new TensorBoardLogger(),
        new Checkpointer(config.logging().checkpointEvery(), config.logging().keepCheckpoints(), config.seed()), progress);
    if (zoo.workerInput == null) {
      return standard;
    }
    List<Callback> all = new java.util.ArrayList<>(standard);
    all.add(workerInput);
    return all;
  }

  /** On a cluster, a dead or silent worker becomes one clear message naming the checkpoint to resume from. */
  private RuntimeException explain(TensorFlowException e, ZooGraph zoo, Session session, Placement placement)
      throws IOException {
    Optional<Checkpoint> last = new CheckpointStore(out.resolve(RunDirectory.CHECKPOINTS), config.logging().keepCheckpoints())
        .latest();
    String lastCheckpoint = last.map(c -> c.dir().toString()).orElse(null);
    if (zoo.workerInput != null) { // a worker that could not produce its input says why
      Optional<String> why = zoo.workerInput.failure(session);
      if (why.isPresent()) {
        return new ClusterFailureException(why.get() + ". The last checkpoint is "
            + (lastCheckpoint == null ? "none (no epoch finished)" : lastCheckpoint)
            + "; fix that worker's data (lawn worker --data-dir) and re-run the same command to resume.", e);
      }
    }
    return placement.explain(e, lastCheckpoint);
  }

  /** {@link #WORKER_INPUT_ACK_TIMEOUT}, or {@code --cluster-timeout-seconds} if shorter. */
  private Duration workerInputAckTimeout() {
    int limit = config.placement().clusterTimeoutSeconds();
    return limit > 0 && limit < WORKER_INPUT_ACK_TIMEOUT.toSeconds() ? Duration.ofSeconds(limit) : WORKER_INPUT_ACK_TIMEOUT;
  }

  private ConfigProto sessionConfig() {
    ConfigProto.Builder b = ConfigProto.newBuilder();
    int threads = config.placement().threads();
    if (threads > 0) {
      b.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(threads);
    }
    return b.build();
  }

  private Map<String, Object> modelJson(Task task) {
    Map<String, Object> m = new LinkedHashMap<>(task.modelShape());
    m.put("model", config.model().name());
    m.put("seed", config.seed());
    m.put("width_multiplier", config.model().widthMultiplier());
    return m;
  }
}
