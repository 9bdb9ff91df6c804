package dev.lawn.bench;

import dev.lawn.data.Features;
import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelZoo;
import dev.lawn.models.RecommenderOptions;
import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.Lawn;
import dev.lawn.ops.LossGradients;
import dev.lawn.bench.StepCostBenchmark;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.StepTransform;
import dev.lawn.ops.schedule.ConstantRate;
import dev.lawn.train.loss.LossConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The step cost of {@link StepCostBenchmark}'s method (base step, LAWN free step, LAWN constrained
 * step, interleaved, medians) on the zoo's models as the trainer builds them, with the trainer's
 * per-layer groups and losses: {@code ncf-mlp} (MovieLens-100k sizes, batch {@value #NCF_BATCH}) and
 * {@code small-cnn} (28x28x1, 10 classes, batch {@value #CNN_BATCH}). One fixed random batch is fed
 * every step, so only the graph's cost is measured.
 */
final class ZooStepCost {

  /** The zoo models this measures. */
  static final List<String> MODELS = List.of("ncf-mlp", "small-cnn");
  static final int NCF_USERS = 943;
  static final int NCF_ITEMS = 1682;
  static final int NCF_BATCH = 1024;
  static final int CNN_BATCH = 256;

  /** The timings, and the number of graph operations each variant's step runs. */
  record Result(StepCostBenchmark.Result timing, int baseOps, int freeOps, int constrainedOps, int constrainedGraphOps) {}

  private ZooStepCost() {}

  /**
   * Measures one zoo model.
   *
   * @param rounds interleaved rounds (the median over them is reported)
   * @param stepsPerRound steps of each variant per round
   */
  static Result measure(String modelName, OptimizerSpec.Kind kind, int rounds, int stepsPerRound) {
    try (Steps steps = new Steps(modelName, kind)) {
      Op[] ops = {steps.base, steps.free, steps.constrained, steps.constrainedGraphOps};
      double[][] ms = new double[ops.length][rounds];
      for (Op op : ops) {
        time(steps, op, stepsPerRound); // warm-up: kernels, allocations
      }
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < ops.length; k++) {
          ms[k][r] = time(steps, ops[k], stepsPerRound);
        }
      }
      return new Result(new StepCostBenchmark.Result("zoo " + modelName, kind.name().toLowerCase(Locale.ROOT),
          Median.of(ms[0]), Median.of(ms[1]), Median.of(ms[2]), steps.kernels, Median.of(ms[3])),
          StepOps.count(ops[0]), StepOps.count(ops[1]), StepOps.count(ops[2]), StepOps.count(ops[3]));
    }
  }

  /**
   * One zoo model's graph with the three steps over the same variables (the base optimizer's; LAWN's
   * free and constrained, LAWN already switched), a session, and one fixed random batch.
   */
  static final class Steps implements AutoCloseable {
    Op base;
    Op free;
    Op constrained;
    /** The constrained step of a second LAWN, forced to graph ops. */
    Op constrainedGraphOps;
    /** What {@link #constrained} runs: {@code fused-cpu} or {@code graph-ops}. */
    String kernels;
    private final Graph graph = new Graph();
    private Session session;
    private Map<Operand<?>, Tensor> feeds = Map.of();

    Steps(String modelName, OptimizerSpec.Kind kind) {
      if (!MODELS.contains(modelName)) {
        graph.close();
        throw new IllegalArgumentException("zoo step cost: unknown model '" + modelName + "' (known: " + MODELS + ")");
      }
      try {
        build(modelName, kind);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    private void build(String modelName, OptimizerSpec.Kind kind) {
      boolean ncf = modelName.equals("ncf-mlp");
      Ops tf = Ops.create(graph);
      Model model = ncf
          ? ModelZoo.recommender(tf, modelName, NCF_USERS, NCF_ITEMS, RecommenderOptions.defaults())
          : ModelZoo.classifier(tf, modelName, 28, 28, 1, 10, ClassifierOptions.defaults());
      Operand<?> label = ncf
          ? tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)))
          : tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> loss = LossConfig.of(ncf ? LossConfig.BCE : LossConfig.SOFTMAX_CE).create()
          .mean(tf, model.logits(), label);
      var variables = model.trainableVariables();
      List<Operand<TFloat32>> gradients = LossGradients.of(tf, loss, variables);
      OptimizerSpec spec = OptimizerSpec.defaults(kind, 0);
      base = withUpdates(tf, spec.build(tf, "bare", variables, new ConstantRate(1e-3))
          .step(gradients, StepTransform.IDENTITY), model.updateOps());
      Lawn lawn = Lawn.over(spec.build(tf, "wrapped", variables, new ConstantRate(1e-3)))
          .groups(GroupSelector.perLayer()).build(tf, gradients);
      Lawn graphOps = Lawn.over(spec.build(tf, "wrapped-graph", variables, new ConstantRate(1e-3)))
          .groups(GroupSelector.perLayer()).kernels(KernelChoice.GRAPH_OPS).build(tf, gradients);
      free = withUpdates(tf, lawn.freeStep(), model.updateOps());
      constrained = withUpdates(tf, lawn.constrainedStep(), model.updateOps());
      constrainedGraphOps = withUpdates(tf, graphOps.constrainedStep(), model.updateOps());
      kernels = lawn.kernelsName();
      feeds = ncf ? ncfBatch(model, label) : imageBatch(model, label);
      session = new Session(graph);
      session.initialize();
      session.run(lawn.switchOp());
      session.run(graphOps.switchOp());
    }

    /** A runner with the batch fed and {@code step} as its target. */
    Session.Runner runner(Op step) {
      Session.Runner runner = session.runner();
      feeds.forEach(runner::feed);
      return runner.addTarget(step);
    }

    @Override
    public void close() {
      feeds.values().forEach(Tensor::close);
      if (session != null) {
        session.close();
      }
      graph.close();
    }
  }

  /** The step and the model's own per-pass updates (batch-norm statistics), as the trainer groups them. */
  private static Op withUpdates(Ops tf, Op step, List<Op> updates) {
    if (updates.isEmpty()) {
      return step;
    }
    List<Op> all = new ArrayList<>(updates);
    all.add(step);
    return tf.withControlDependencies(all).noOp();
  }

  private static double time(Steps steps, Op op, int count) {
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      try (var result = steps.runner(op).run()) {
        // nothing fetched: the step's side effects are the work
      }
    }
    return (System.nanoTime() - t0) / 1e6 / count;
  }


  private static Map<Operand<?>, Tensor> ncfBatch(Model model, Operand<?> label) {
    SplittableRandom r = new SplittableRandom(1);
    int[] users = new int[NCF_BATCH];
    int[] items = new int[NCF_BATCH];
    float[] labels = new float[NCF_BATCH];
    for (int i = 0; i < NCF_BATCH; i++) {
      users[i] = r.nextInt(NCF_USERS);
      items[i] = r.nextInt(NCF_ITEMS);
      labels[i] = i % 5 == 0 ? 1 : 0; // one positive per four negatives, as NCF samples them
    }
    Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
    feeds.put(model.inputs().get(Features.USER), TInt32.vectorOf(users));
    feeds.put(model.inputs().get(Features.ITEM), TInt32.vectorOf(items));
    feeds.put(label, TFloat32.vectorOf(labels));
    feeds.put(model.training(), TBool.scalarOf(true));
    return feeds;
  }

  private static Map<Operand<?>, Tensor> imageBatch(Model model, Operand<?> label) {
    SplittableRandom r = new SplittableRandom(2);
    float[] pixels = new float[CNN_BATCH * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) r.nextDouble();
    }
    int[] labels = new int[CNN_BATCH];
    for (int i = 0; i < CNN_BATCH; i++) {
      labels[i] = r.nextInt(10);
    }
    Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
    feeds.put(model.inputs().get(Features.IMAGE),
        TFloat32.tensorOf(Shape.of(CNN_BATCH, 28, 28, 1), t -> t.asRawTensor().data().asFloats().write(pixels)));
    feeds.put(label, TInt32.vectorOf(labels));
    feeds.put(model.training(), TBool.scalarOf(true));
    return feeds;
  }
}
