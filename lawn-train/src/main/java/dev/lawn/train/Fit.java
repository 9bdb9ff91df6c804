package dev.lawn.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.models.Model;
import dev.lawn.serving.SavedModelLayout;
import dev.lawn.train.callbacks.Checkpointer;
import dev.lawn.train.callbacks.MetricsLogger;
import dev.lawn.train.callbacks.NanGuard;
import dev.lawn.train.callbacks.TensorBoardLogger;
import dev.lawn.train.distributed.DeviceList;
import dev.lawn.train.distributed.Placement;
import dev.lawn.train.distributed.Towers;
import dev.lawn.train.loss.LossConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Trains a model with LAWN, Keras' {@code fit} for TF-Java graphs: the same loop, checkpoints, exact
 * resume, NaN guard and logs as {@code lawn train}, for a model of the user's own.
 *
 * <pre>{@code
 * try (Fit fit = Fit.builder(graph, model)                       // a FitModel built in graph
 *     .data(batches)                                             // a BatchStream or FeedBatches
 *     .optimization(Optimization.withLawn(Kind.ADAM, 1e-3, 1, LawnSettings.of(new SwitchPolicy.AtEpoch(2))))
 *     .epochs(6)
 *     .evaluation(Evaluations.classifier(tf, model, testBatches))
 *     .runDirectory(Path.of("runs/mine"))                        // checkpoints, metrics.jsonl, tensorboard
 *     .build()) {
 *   History history = fit.run();                                 // resumes if the folder holds an unfinished run
 *   fit.exportSavedModel(Path.of("runs/mine/saved_model"), Map.of("probabilities", probabilities));
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} adds the loss, the optimizer and LAWN's ops to the graph, checks the
 * pieces (naming what is wrong), opens the session and initializes the variables.
 */
public final class Fit implements AutoCloseable {

  private final Builder b;
  private final TrainingGraph training;
  private final Plan plan;
  private final Session session;
  private final FitReplication replication;

  private Fit(Builder b, TrainingGraph training, Plan plan, Session session, FitReplication replication) {
    this.b = b;
    this.training = training;
    this.plan = plan;
    this.session = session;
    this.replication = replication;
  }

  /** A fit of {@code model}, whose ops live in {@code graph}. */
  public static Builder builder(Graph graph, FitModel model) {
    return new Builder(graph, model);
  }

  /**
   * Trains to the last epoch (or an early stop) and returns the history. With a run directory that
   * holds an unfinished run of the same settings, resumes it from its latest checkpoint.
   */
  public History run() throws IOException {
    List<Callback> callbacks = new ArrayList<>();
    if (b.runDirectory != null && b.standardCallbacks) {
      callbacks.add(new NanGuard());
      callbacks.add(new MetricsLogger());
      callbacks.add(new TensorBoardLogger());
    }
    callbacks.addAll(b.callbacks); // before the checkpointer: an early stop checkpoints its epoch
    if (b.runDirectory != null && b.standardCallbacks) {
      callbacks.add(new Checkpointer(b.checkpointEvery, b.keepCheckpoints, b.seed));
    }
    FitLoop.Settings settings = new FitLoop.Settings(plan, b.data, b.evaluation, b.optimization.switchPolicy(),
        b.optimization.warmupEpochs(), "e-free " + b.optimization.switchPolicy().text(), b.evalEvery, b.runDirectory,
        replication.summaryExtras(), replication.devicesText());
    // The run folder is locked for the run: a second process on it fails before writing anything.
    try (RunDirectory run = b.runDirectory == null ? null : RunDirectory.openForTraining(b.runDirectory, settingsJson())) {
      return new FitLoop(training, session, settings, callbacks).run();
    } catch (TensorFlowException e) {
      throw replication.explain(e, b.runDirectory, b.keepCheckpoints); // a dead worker, named
    }
  }

  /** The session holding the model's variables (trained after {@link #run()}). */
  public Session session() {
    return session;
  }

  /**
   * Writes a SavedModel (tag {@code serve}, signature {@code serving_default}: the model's inputs to
   * {@code outputs}) of the session's current variables. The whole graph is exported, training ops
   * included, as TF-Java's exporter does; a {@linkplain Builder#replicate replicated} fit's without
   * devices, so that it loads on one. lawn-serving's {@code ServingModel.load(target)} calls it
   * (it has no {@code assets/model.json}, which only {@code lawn export}'s zoo models carry).
   */
  public void exportSavedModel(Path target, Map<String, Operand<?>> outputs) throws IOException {
    Signature.Builder signature = Signature.builder().key(SavedModelLayout.SIGNATURE);
    b.model.inputs().forEach(signature::input);
    outputs.forEach(signature::output);
    SavedModelBundle.exporter(target.toString()).withSession(session).withSignature(signature.build())
        .withTags(SavedModelLayout.TAG).export();
    replication.clearDevices(target); // the towers' devices need not exist where it is loaded
  }

  @Override
  public void close() {
    session.close();
  }

  /** What {@code config.json} holds for a fit: a resumed run must match it. */
  private ObjectNode settingsJson() {
    ObjectNode n = RunDirectory.JSON.createObjectNode();
    n.put("api", "fit");
    n.put("epochs", b.epochs);
    n.put("batch_size", b.data.batchSize());
    n.put("accumulate", b.passesPerStep); // absent in older folders: RunDirectory.LATER_KEYS reads it as 1
    n.put("rows_per_epoch", b.data.rowsPerEpoch());
    n.put("loss", b.loss.toString());
    n.put("optimizer", b.optimization.kind().name().toLowerCase(java.util.Locale.ROOT));
    n.put("lr", b.optimization.learningRate());
    n.put("weight_decay", b.optimization.weightDecay());
    n.put("epsilon", b.optimization.epsilon()); // absent in older folders: read as 0, the paper's
    n.put("clip_norm", b.optimization.clipNorm()); // absent in older folders: read as 0, no clipping
    n.put("warmup_epochs", b.optimization.warmupEpochs());
    n.put("e_free", b.optimization.switchPolicy().text()); // a rule by its name: resumed with another, refused
    if (b.optimization.lawn() != null) {
      n.put("groups", b.optimization.lawn().groups().toString());
      n.put("alpha", b.optimization.lawn().alpha());
    }
    n.put("seed", b.seed);
    n.put("variables", b.model.variables().stream().map(v -> v.name() + ":" + v.shape()).toList().toString());
    n.put("eval_every", b.evalEvery);
    replication.putSettings(n); // devices and cluster, which may differ on resume as lawn train's
    return n;
  }

  /** A fit's settings; {@link #build()} checks them. */
  public static final class Builder {
    private final Graph graph;
    private final FitModel model;
    private BatchStream data;
    private LossConfig loss;
    private Optimization optimization;
    private int epochs;
    private Evaluation evaluation = Evaluation.none();
    private int evalEvery = 1;
    private int passesPerStep = 1;
    private Path runDirectory;
    private boolean standardCallbacks = true;
    private int checkpointEvery = 1;
    private int keepCheckpoints = 3;
    private long seed;
    private final List<Callback> callbacks = new ArrayList<>();
    private ConfigProto sessionConfig = ConfigProto.getDefaultInstance();
    private FitReplication.Request replica = FitReplication.Request.NONE;
    private boolean built;

    private Builder(Graph graph, FitModel model) {
      this.graph = Objects.requireNonNull(graph, "graph");
      this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The training batches (one optimizer step each, or each {@link #accumulate} of them one step): a
     * lawn-data pipeline or {@link FeedBatches}.
     */
    public Builder data(BatchStream batches) {
      this.data = batches;
      return this;
    }

    /** The loss (default: {@code bce} for one logit per example, {@code softmax-ce} for {@code [B, K]}). */
    public Builder loss(LossConfig loss) {
      this.loss = loss;
      return this;
    }

    public Builder optimization(Optimization optimization) {
      this.optimization = optimization;
      return this;
    }

    /**
     * Gradient accumulation in the graph: the data's batches become forward/backward passes, and every
     * {@code passesPerStep} of them make one optimizer step whose gradient is their example-weighted
     * mean, i.e. a step of {@code passesPerStep x data.batchSize()} examples for the memory of one
     * batch (the last step of an epoch takes the passes left). The learning-rate schedule, warm-up,
     * LAWN's switch ({@code AtStep}) and the logs count optimizer steps. Default 1: a step per batch.
     */
    public Builder accumulate(int passesPerStep) {
      this.passesPerStep = passesPerStep;
      return this;
    }

    /** {@code E_total}: epochs of the run. */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** How evaluation epochs score the model (default: none). */
    public Builder evaluation(Evaluation evaluation) {
      this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
      return this;
    }

    /** Evaluate every N epochs and at the last (default 1). */
    public Builder evalEvery(int every) {
      this.evalEvery = every;
      return this;
    }

    /**
     * The run's folder: {@code config.json}, {@code metrics.jsonl}/{@code .csv}, {@code tensorboard/},
     * {@code checkpoints/} and {@code summary.json}, with the standard callbacks (NaN guard, metrics
     * log, TensorBoard, checkpoints) unless {@link #withoutStandardCallbacks()}.
     */
    public Builder runDirectory(Path dir) {
      this.runDirectory = dir;
      return this;
    }

    /** Checkpoint every N epochs (and at the end), keeping the last {@code keep} besides the best. */
    public Builder checkpoints(int every, int keep) {
      this.checkpointEvery = every;
      this.keepCheckpoints = keep;
      return this;
    }

    /**
     * Only the callbacks added with {@link #callback}: no guard, logs or checkpoints of the run folder.
     * To drop one of them, add the others back: {@code new NanGuard()}, {@code new MetricsLogger()},
     * {@code new TensorBoardLogger()}, then {@code new Checkpointer(every, keep, seed)} last.
     */
    public Builder withoutStandardCallbacks() {
      this.standardCallbacks = false;
      return this;
    }

    /** Adds a callback; they run in the order added, after the run folder's logs and before its checkpoints. */
    public Builder callback(Callback callback) {
      callbacks.add(Objects.requireNonNull(callback, "callback"));
      return this;
    }

    /** The data order's seed, recorded in checkpoints and {@code config.json}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Session options (threads, devices). */
    public Builder sessionConfig(ConfigProto config) {
      this.sessionConfig = Objects.requireNonNull(config, "sessionConfig");
      return this;
    }

    /**
     * Data-parallel towers, as {@code lawn train --devices}: each device of this process runs the
     * forward and backward pass of its share of every batch (split in order), with the model's one set
     * of variables (on CPU 0) and the towers' gradients summed; a step equals a step on one device up
     * to float rounding (batch norm excepted: each tower normalizes its share, see {@link Towers}).
     * The model must be a lawn-models {@code Model} ({@link FitModel#of(Model, Operand)}) that
     * {@code modelFactory} builds again; with GPU towers, built on {@code cpu:0}. A resume may use
     * other devices. The devices and the factory's model are checked by {@link #build()}.
     *
     * @param devices {@code cpu:N} / {@code gpu:N} of this process, one tower each
     * @param modelFactory builds the same model (variables, shapes, inputs) as the fit's, into a scope
     */
    public Builder replicate(List<DeviceSpec> devices, Function<Ops, Model> modelFactory) {
      replica = FitReplication.Request.local(devices, modelFactory);
      return this;
    }

    /**
     * {@link #replicate(List, Function)} with the devices as {@code lawn train --devices} takes them: {@code "cpu:0,cpu:1"}.
     *
     * @throws IllegalArgumentException naming {@code Fit.Builder.replicate} for a malformed or repeated device
     */
    public Builder replicate(String devices, Function<Ops, Model> modelFactory) {
      return replicate(DeviceList.parse(FitReplication.OPTION, devices), modelFactory);
    }

    /**
     * {@link #replicate(List, Function)} on a {@link Placement}, e.g. a cluster of {@code lawn worker}s as
     * {@code lawn train --cluster} uses: {@code Placement.of("cpu:0", "cluster.txt", 600)} puts a tower on
     * {@code cpu:0} of every worker, the variables on CPU 0 of task 0. This process feeds the batches
     * ({@code --worker-input} is the command line's only). A dead or hung worker ends {@link Fit#run()}
     * with a {@code ClusterFailureException} naming it and the latest checkpoint; re-run to resume. LAWN
     * runs in graph ops there ({@code KernelChoice.FUSED} is refused). One device: no towers.
     *
     * <p><b>Security:</b> workers run any graph sent to them, on every interface, unauthenticated and
     * unencrypted (docs/SECURITY.md). Unlike {@code lawn train}, this asks no {@code --trusted-network}
     * for hosts beyond loopback: the caller takes that on for its user.
     */
    public Builder replicate(Placement placement, Function<Ops, Model> modelFactory) {
      replica = FitReplication.Request.of(placement, modelFactory);
      return this;
    }

    /**
     * Checks the settings, adds the training ops to the graph, opens the session and initializes it.
     *
     * @throws IllegalArgumentException naming the missing or impossible setting
     * @throws dev.lawn.train.distributed.ClusterFailureException when a cluster's worker does not answer
     */
    public Fit build() {
      if (built) {
        throw new IllegalStateException("Fit: build() was already called; the graph holds its training ops");
      }
      FitValidation.check(this.data, this.optimization, this.epochs, this.evalEvery, this.checkpointEvery,
          this.keepCheckpoints, this.passesPerStep);
      FitValidation.checkFeeds(model, data);
      FitReplication replication = FitReplication.check(replica, model);
      Optimization placed = replication.optimization(optimization);
      LossConfig chosen = loss != null ? loss
          : LossConfig.of(model.logits().shape().numDimensions() == 2 ? LossConfig.SOFTMAX_CE : LossConfig.BCE);
      this.loss = chosen;
      // A step is passesPerStep batches; the plan splits it back into passes of one batch each. It counts
      // the rows trained on (without a dropped partial batch): the schedule, the E_free step and the
      // accumulation weights follow from them.
      Plan plan = Plan.of(data.rowsTrainedPerEpoch(), passesPerStep * data.batchSize(), data.batchSize(), epochs,
          optimization.warmupEpochs());
      Ops tf = replication.scope(graph);
      TrainingGraph training = new TrainingGraph(tf, model, replication.towers(tf, model), chosen, placed,
          plan.accumulating(), plan.totalSteps(), plan.warmupSteps());
      built = true;
      Session session = replication.open(graph, sessionConfig);
      try {
        session.initialize();
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
      return new Fit(this, training, plan, session, replication);
    }
  }
}
