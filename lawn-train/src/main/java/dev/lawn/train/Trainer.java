package dev.lawn.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.ops.Lawn;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.kernels.FusedKernelLibrary;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointMeta;
import dev.lawn.train.checkpoint.CheckpointStore;
import dev.lawn.train.distributed.ClusterFailureException;
import dev.lawn.train.distributed.Placement;
import dev.lawn.train.log.MetricsLog;
import dev.lawn.train.log.TensorBoardWriter;
import dev.lawn.train.metrics.Percentiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Runs one configuration to the end: LAWN's phases (free for {@code E_free} epochs, the switch once,
 * constrained after; or the automatic switch on the median training margin), micro-batch gradient
 * accumulation for batches that do not fit one pass, evaluation, atomic checkpoints, exact resume,
 * the NaN guard, and the run directory's logs.
 */
public final class Trainer {

  /** Margin samples taken per epoch (on training minibatches, as the paper proposes). */
  static final int MARGIN_SAMPLES_PER_EPOCH = 10;
  /**
   * How long a run with {@code --worker-input} waits for every worker's feeder to take its command
   * (less when {@code --cluster-timeout-seconds} is shorter).
   */
  static final java.time.Duration WORKER_INPUT_ACK_TIMEOUT = java.time.Duration.ofSeconds(30);

  private final TrainConfig config;
  private final Path out;
  private final TrainingListener listener;
  private dev.lawn.ops.kernels.KernelChoice kernels = dev.lawn.ops.kernels.KernelChoice.AUTO;

  public Trainer(TrainConfig config, Path out, TrainingListener listener) {
    this.config = config.validate();
    this.out = out;
    this.listener = listener;
  }

  /** How LAWN's constrained step is computed (default AUTO); cluster runs always use graph ops. */
  public Trainer kernels(dev.lawn.ops.kernels.KernelChoice choice) {
    this.kernels = java.util.Objects.requireNonNull(choice, "choice");
    return this;
  }

  /** Trains (or resumes) the run and returns its summary. */
  public Map<String, Object> run() throws IOException {
    long started = System.nanoTime();
    try (Task task = Tasks.load(config)) {
      String lossName = TrainingGraph.lossConfig(config, task).name();
      if (task.binary() && lossName.equals("softmax-ce")) {
        throw new IllegalArgumentException("--loss softmax-ce needs a classifier; " + config.data() + " is binary");
      }
      Plan plan = Plan.of(config, task.rowsPerEpoch());
      Placement placement = config.placement();
      RunDirectory run = RunDirectory.openForTraining(out, config); // locks the folder until the try below ends
      try (run;
          TrainingGraph graph = new TrainingGraph(config, task, placement, plan.accumulating(), plan.totalSteps(),
              plan.warmupSteps(), kernels);
          Session session = placement.openSession(graph.graph, placement.configure(sessionConfig()));
          TBool yes = TBool.scalarOf(true)) {
        run.writeJson(RunDirectory.MODEL, modelJson(task));
        task.writeRunFiles(run.path());
        task.notes().forEach(listener::onMessage);
        if (placement.replicated()) {
          listener.onMessage("data-parallel on " + placement);
        }
        try {
          session.initialize();
          return new Loop(task, plan, run, graph, session, yes, started).run();
        } catch (TensorFlowException e) {
          // On a cluster, a dead or silent worker becomes one clear message naming the checkpoint to resume from.
          Optional<Checkpoint> last = new CheckpointStore(run.checkpoints(), config.keepCheckpoints()).latest();
          String lastCheckpoint = last.map(c -> c.dir().toString()).orElse(null);
          if (graph.workerInput != null) { // a worker that could not produce its input says why
            Optional<String> why = graph.workerInput.failure(session);
            if (why.isPresent()) {
              throw new ClusterFailureException(why.get() + ". The last checkpoint is "
                  + (lastCheckpoint == null ? "none (no epoch finished)" : lastCheckpoint)
                  + "; fix that worker's data (lawn worker --data-dir) and re-run the same command to resume.", e);
            }
          }
          throw placement.explain(e, lastCheckpoint);
        }
      }
    }
  }

  private ConfigProto sessionConfig() {
    ConfigProto.Builder b = ConfigProto.newBuilder();
    if (config.threads() > 0) {
      b.setIntraOpParallelismThreads(config.threads()).setInterOpParallelismThreads(config.threads());
    }
    return b.build();
  }

  private Map<String, Object> modelJson(Task task) {
    Map<String, Object> m = new LinkedHashMap<>(task.modelShape());
    m.put("model", config.model());
    m.put("seed", config.seed());
    m.put("width_multiplier", config.widthMultiplier());
    return m;
  }

  /**
   * How epochs split into optimizer steps and passes.
   *
   * @param microBatch examples per forward/backward pass
   * @param passesPerStep micro-batches accumulated into one step
   */
  record Plan(int rowsPerEpoch, int batchSize, int microBatch, int passesPerStep, int stepsPerEpoch, long totalSteps,
      long warmupSteps) {

    static Plan of(TrainConfig config, int rows) {
      int batch = config.batchSize();
      int cap = config.microBatchSize() > 0 ? config.microBatchSize()
          : (config.model().startsWith("ncf") ? TrainConfig.AUTO_MICRO_BATCH_REC : TrainConfig.AUTO_MICRO_BATCH_IMAGES);
      int passes = (batch + cap - 1) / cap;
      while (batch % passes != 0) {
        passes++; // the smallest split into equal micro-batches no larger than the cap
      }
      int steps = (rows + batch - 1) / batch;
      long total = (long) steps * config.epochs();
      long warmup = Math.round(config.warmupEpochs() * steps);
      return new Plan(rows, batch, batch / passes, passes, steps, total, Math.min(warmup, total));
    }

    boolean accumulating() {
      return passesPerStep > 1;
    }

    /** Forward/backward passes per epoch: the epoch's rows in micro-batches, the last one possibly short. */
    int passesPerEpoch() {
      return (rowsPerEpoch + microBatch - 1) / microBatch;
    }

    /** Examples in pass {@code pass} of an epoch, as the data pipelines cut them. */
    int rowsInPass(int pass) {
      return Math.min(microBatch, rowsPerEpoch - pass * microBatch);
    }

    /** Examples in optimizer step {@code step} of an epoch (the last one may be short). */
    int rowsInStep(int step) {
      return Math.min(batchSize, rowsPerEpoch - step * batchSize);
    }
  }

  /** The state of one process's training loop. */
  private final class Loop {
    final Task task;
    final Plan plan;
    final RunDirectory run;
    final TrainingGraph g;
    final Session session;
    final TBool yes;
    final long started;
    final SwitchPolicy policy = config.switchPolicy();
    final List<Double> marginMedians = new ArrayList<>();
    final SwitchWatch switchWatch = SwitchWatch.of(config);
    final CheckpointStore store;
    int phase = Lawn.FREE;
    Integer switchEpoch;
    String switchReason;
    double previousWallSeconds;
    double trainSeconds;
    long samples;
    long waitNanos;
    double bestMetric = Double.NEGATIVE_INFINITY;
    int bestEpoch = -1;
    Map<String, Object> lastRow = Map.of();

    Loop(Task task, Plan plan, RunDirectory run, TrainingGraph g, Session session, TBool yes, long started) {
      this.task = task;
      this.plan = plan;
      this.run = run;
      this.g = g;
      this.session = session;
      this.yes = yes;
      this.started = started;
      this.store = new CheckpointStore(run.checkpoints(), config.keepCheckpoints());
    }

    Map<String, Object> run() throws IOException {
      int firstEpoch = restore();
      listener.onStart(config, firstEpoch, plan.stepsPerEpoch(), g.model.summary());
      // With worker input the workers produce the batches and this process only counts them.
      BatchStream stream = g.workerInput == null ? task.trainingStream(plan.microBatch()) : null;
      int passes = stream == null ? plan.passesPerEpoch() : stream.batchesPerEpoch();
      if (g.workerInput != null) {
        g.workerInput.start(session, config, firstEpoch, plan.microBatch(), workerInputAckTimeout());
      }
      // One stream over all remaining epochs (tf.data's repeat): the producer samples and shuffles the
      // next epoch while this one trains, so no epoch starts on an empty queue.
      try (MetricsLog log = openLog(firstEpoch); TensorBoardWriter board = TensorBoardWriter.inRunDir(run.path());
          BatchIterator batches = stream == null ? null : stream.epochs(firstEpoch, config.epochs() - firstEpoch)) {
        for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
          trainEpoch(batches, passes, epoch);
          endEpoch(epoch, log, board);
        }
      }
      Map<String, Object> summary = summary();
      run.writeSummary(summary);
      listener.onFinish(summary);
      return summary;
    }

    /** {@link #WORKER_INPUT_ACK_TIMEOUT}, or {@code --cluster-timeout-seconds} if shorter. */
    private java.time.Duration workerInputAckTimeout() {
      int limit = config.clusterTimeoutSeconds();
      return limit > 0 && limit < WORKER_INPUT_ACK_TIMEOUT.toSeconds()
          ? java.time.Duration.ofSeconds(limit) : WORKER_INPUT_ACK_TIMEOUT;
    }

    private MetricsLog openLog(int firstEpoch) throws IOException {
      boolean exists = Files.exists(run.path().resolve("metrics.jsonl")) || Files.exists(run.path().resolve("metrics.csv"));
      return exists ? MetricsLog.resume(run.path(), firstEpoch) : MetricsLog.create(run.path());
    }

    /** Restores the latest good checkpoint, if any; returns the first epoch to train. */
    private int restore() throws IOException {
      Optional<Checkpoint> latest = store.latest();
      if (latest.isEmpty()) {
        return 0;
      }
      Checkpoint c = latest.get();
      store.restore(session, c);
      CheckpointMeta meta = c.meta();
      phase = "constrained".equals(meta.phase()) ? Lawn.CONSTRAINED : Lawn.FREE;
      Map<String, Object> extra = meta.extra();
      switchEpoch = extra.get("switch_epoch") instanceof Number n ? n.intValue() : null;
      switchReason = (String) extra.get("switch_reason");
      previousWallSeconds = ((Number) extra.getOrDefault("wall_seconds", 0)).doubleValue();
      trainSeconds = ((Number) extra.getOrDefault("train_seconds", 0)).doubleValue();
      samples = ((Number) extra.getOrDefault("samples", 0)).longValue();
      waitNanos = ((Number) extra.getOrDefault("wait_nanos", 0)).longValue();
      bestMetric = extra.get("best_metric") instanceof Number bm ? bm.doubleValue() : Double.NEGATIVE_INFINITY;
      bestEpoch = ((Number) extra.getOrDefault("best_epoch", -1)).intValue();
      switchWatch.restore(extra);
      if (extra.get("margin_medians") instanceof List<?> list) {
        list.forEach(x -> marginMedians.add(((Number) x).doubleValue()));
      }
      if (extra.get("last_row") instanceof Map<?, ?> row) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) row;
        lastRow = typed;
      }
      if (bestEpoch == meta.epoch() && store.best().map(b -> b.meta().epoch() != bestEpoch).orElse(true)) {
        store.markBest(c); // killed between the save and the best copy
      }
      listener.onMessage("resumed from " + c.dir() + " (epoch " + meta.epoch() + ", step " + meta.globalStep()
          + ", " + meta.phase() + ")");
      return meta.epoch();
    }

    /** Trains on the next {@code passes} batches of {@code batches}: one epoch. */
    private void trainEpoch(BatchIterator batches, int passes, int epoch) {
      listener.onEpochStart(epoch);
      Optional<Long> fixedSwitch = policy.switchStep(plan.stepsPerEpoch());
      session.run(g.resetEpochLoss);
      List<float[]> marginSamples = new ArrayList<>();
      int marginEvery = Math.max(1, plan.stepsPerEpoch() / MARGIN_SAMPLES_PER_EPOCH);
      long stepAtStart = fetchLong(g.iterations);
      long t0 = System.nanoTime();
      long waitedBefore = batches == null ? 0 : batches.waitNanos();
      for (int pass = 0; pass < passes; pass++) {
        int step = pass / plan.passesPerStep();
        boolean lastPass = pass % plan.passesPerStep() == plan.passesPerStep() - 1;
        if (pass % plan.passesPerStep() == 0 && phase == Lawn.FREE && fixedSwitch.isPresent()
            && stepAtStart + step >= fixedSwitch.get()) {
          switchNow(epoch, stepAtStart + step, "e-free " + config.eFree());
        }
        lastPass |= pass == passes - 1;
        boolean sample = step % marginEvery == 0; // every pass of the step: the same examples at any micro-batch size
        if (batches == null) {
          int size = plan.rowsInPass(pass);
          runPass(null, size, step, lastPass, sample ? marginSamples : null);
          samples += size;
        } else {
          try (Batch batch = batches.next()) {
            if (batch.epoch() != epoch) {
              throw new IllegalStateException("batch of epoch " + batch.epoch() + " in epoch " + epoch);
            }
            runPass(batch, batch.size(), step, lastPass, sample ? marginSamples : null);
            samples += batch.size();
          }
        }
        if (lastPass) {
          final int e = epoch;
          listener.onStep(e, step + 1, plan.stepsPerEpoch(), () -> fetchFloat(g.epochLoss));
        }
      }
      waitNanos += batches == null ? 0 : batches.waitNanos() - waitedBefore;
      trainSeconds += (System.nanoTime() - t0) / 1e9;
      float[] margins = concat(marginSamples);
      epochMargins = margins;
      currentMargins = margins.length == 0 ? new Percentiles.Summary(Double.NaN, Double.NaN, Double.NaN)
          : Percentiles.summary(margins);
    }

    Percentiles.Summary currentMargins;
    float[] epochMargins = new float[0];

    /** One forward/backward pass of {@code size} examples: {@code batch}'s, or with worker input the workers'. */
    private void runPass(Batch batch, int size, int step, boolean lastPass, List<float[]> marginSamples) {
      Session.Runner runner = session.runner();
      if (batch != null) {
        for (Map.Entry<String, Operand<?>> input : g.model.inputs().entrySet()) {
          runner.feed(input.getValue(), batch.tensors().get(input.getKey()));
        }
        runner.feed(g.label, batch.tensors().get(Features.LABEL));
      }
      runner.feed(g.model.training(), yes);
      TFloat32 weight = null;
      try {
        if (g.microWeight != null) {
          weight = TFloat32.scalarOf((float) size / plan.rowsInStep(step));
          runner.feed(g.microWeight, weight);
        }
        Op target = g.accumulate != null && !lastPass ? g.accumulate
            : phase == Lawn.CONSTRAINED ? g.constrainedStep : g.freeStep;
        runner.addTarget(target);
        if (marginSamples != null) {
          runner.fetch(g.margins);
        }
        try (Result result = runner.run()) {
          if (marginSamples != null) {
            marginSamples.add(FloatReader.read((TFloat32) result.get(0)));
          }
        }
      } finally {
        if (weight != null) {
          weight.close();
        }
      }
    }

    private void switchNow(int completedEpochs, long step, String reason) {
      session.run(g.lawn.switchOp());
      phase = Lawn.CONSTRAINED;
      switchEpoch = completedEpochs;
      switchReason = reason;
      listener.onSwitch(completedEpochs, step, reason);
      String unavailable = g.lawn.fusedKernels() ? null : FusedKernelLibrary.failure();
      listener.onMessage("LAWN constrained step: " + (g.lawn.fusedKernels() ? "fused CPU kernels" : "graph ops")
          + (unavailable == null ? "" : " (fused kernels unavailable: " + unavailable + ")")
          + " (-Dlawn.kernels=auto|fused|graph)");
      float[] active;
      try (Result r = session.runner().fetch(g.lawn.activeFlags()).run()) {
        active = FloatReader.read((TFloat32) r.get(0));
      }
      for (int i = 0; i < active.length; i++) {
        if (active[i] == 0f) {
          listener.onMessage("LAWN group '" + g.lawn.groups().get(i).name()
              + "' has zero norm at the switch: it stays free");
        }
      }
    }

    private void endEpoch(int epoch, MetricsLog log, TensorBoardWriter board) throws IOException {
      int completed = epoch + 1;
      double loss = fetchFloat(g.epochLoss);
      long step = fetchLong(g.iterations);
      if (!Double.isFinite(loss)) {
        Optional<Checkpoint> last = store.latest();
        throw new TrainingDivergedException("training loss is " + loss + " in epoch " + completed + " (step " + step
            + "); stopped. The last good checkpoint is "
            + last.map(c -> c.dir().toString()).orElse("none (no checkpoint was written yet)")
            + ". Lower --lr or check the data.");
      }
      marginMedians.add(currentMargins.p50());
      switchWatch.endOfEpoch(completed, loss, currentMargins.p50(), phase == Lawn.FREE && g.lawn != null)
          .ifPresent(why -> switchNow(completed, step, why));
      boolean last = completed == config.epochs();
      if (completed % config.evalEvery() == 0 || last) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", completed);
        row.put("step", step);
        row.put("loss", loss);
        row.put("lr", g.schedule.rateAt(Math.max(0, step - 1)));
        row.put("margin_p10", currentMargins.p10());
        row.put("margin_p50", currentMargins.p50());
        row.put("margin_p90", currentMargins.p90());
        row.put("phase", phase == Lawn.CONSTRAINED ? "constrained" : "free");
        row.putAll(task.evaluate(session, g.model));
        for (int i = 0; i < g.groupNames.size(); i++) {
          row.put("norm/" + g.groupNames.get(i), (double) fetchFloat(g.groupNorms.get(i)));
        }
        row.putAll(g.normColumns.read(session, epochMargins));
        row.put("train_seconds", trainSeconds);
        row.put("samples_per_second", samples / Math.max(trainSeconds, 1e-9));
        row.put("input_wait_seconds", waitNanos / 1e9); // of train_seconds, blocked on the input pipeline
        log.append(row);
        for (Map.Entry<String, Object> e : row.entrySet()) {
          if (e.getValue() instanceof Number n && !e.getKey().equals("epoch") && !e.getKey().equals("step")) {
            board.scalar(e.getKey(), step, n.floatValue());
          }
        }
        board.flush();
        lastRow = row;
        listener.onEvaluation(row);
      }
      if (completed % config.checkpointEvery() == 0 || last) {
        Object metric = lastRow.get(task.selectionMetric());
        boolean best = metric instanceof Number n && lastRow.get("epoch").equals(completed) && n.doubleValue() > bestMetric;
        if (best) { // before the save, so that the checkpoint of the best epoch knows it is the best
          bestMetric = ((Number) metric).doubleValue();
          bestEpoch = completed;
        }
        Checkpoint saved = store.save(session, new CheckpointMeta(completed, step,
            phase == Lawn.CONSTRAINED ? "constrained" : "free", checkpointExtra()));
        if (best) {
          store.markBest(saved);
        }
      }
    }

    private Map<String, Object> checkpointExtra() {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("switch_epoch", switchEpoch);
      extra.put("switch_reason", switchReason);
      extra.put("wall_seconds", previousWallSeconds + (System.nanoTime() - started) / 1e9);
      extra.put("train_seconds", trainSeconds);
      extra.put("samples", samples);
      extra.put("wait_nanos", waitNanos);
      extra.put("best_metric", Double.isFinite(bestMetric) ? bestMetric : null);
      extra.put("best_epoch", bestEpoch);
      extra.put("margin_medians", new ArrayList<>(marginMedians));
      extra.putAll(switchWatch.state());
      extra.put("last_row", lastRow);
      extra.put("data_order", Map.of("seed", config.seed(), "next_epoch", -1));
      return extra;
    }

    private Map<String, Object> summary() {
      Map<String, Object> s = new LinkedHashMap<>(lastRow);
      s.put("wall_seconds", previousWallSeconds + (System.nanoTime() - started) / 1e9);
      s.put("train_samples_per_second", samples / Math.max(trainSeconds, 1e-9));
      s.put("input_wait_fraction", waitNanos / 1e9 / Math.max(trainSeconds, 1e-9));
      s.put("switch_epoch", switchEpoch);
      s.put("switch_reason", switchReason);
      s.put("switch_rule", switchWatch.ruleName());
      s.put("best_epoch", bestEpoch);
      s.put("best_" + task.selectionMetric(), Double.isFinite(bestMetric) ? bestMetric : null);
      s.put("parameters", g.model.parameterCount());
      if (g.lawn != null) {
        s.put("lawn_kernels", g.lawn.kernelsName());
      }
      s.put("config", RunDirectory.toJson(config));
      return s;
    }

    private float fetchFloat(Operand<TFloat32> op) {
      try (Result r = session.runner().fetch(op).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }

    private long fetchLong(Operand<TInt64> op) {
      try (Result r = session.runner().fetch(op).run()) {
        return ((TInt64) r.get(0)).getLong();
      }
    }
  }

  private static float[] concat(List<float[]> parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int o = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
