package dev.lawn.tools.bench;

import dev.lawn.data.DataSetLoader;
import dev.lawn.data.DataSets;
import dev.lawn.data.RecommendationLoader;
import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.RecommendationEpoch;
import dev.lawn.data.rec.SplitOptions;
import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.Lawn;
import dev.lawn.ops.LossGradients;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.StepTransform;
import dev.lawn.ops.schedule.WarmupLinearDecay;
import dev.lawn.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The reference the trainer is compared with: NCF-MLP written with plain TF-Java ops (embeddings
 * {@code users x 32} and {@code items x 32} concatenated, ReLU MLP 64-32-16-8, one logit, sigmoid
 * cross-entropy), the same optimizer ops and schedule as the trainer ({@link OptimizerSpec#defaults},
 * {@link WarmupLinearDecay}, LAWN's ops for {@code -lawn}), fed each step from Java arrays built
 * before timing (one epoch of the real training rows with their negatives, shuffled once). No input
 * pipeline, no model library, no logs: what a hand-written training loop costs.
 */
final class BareNcfReference {

  static final int EMBEDDING_DIM = 32;
  static final int[] HIDDEN = {32, 16, 8};

  private BareNcfReference() {}

  /** One epoch's training rows cut into batches. */
  record Batches(List<int[]> users, List<int[]> items, List<float[]> labels, int numUsers, int numItems) {
    int rows() {
      return users.stream().mapToInt(a -> a.length).sum();
    }
  }

  /** The trainer's data for {@code v}: the same split and negatives per positive, epoch 0's sample, shuffled. */
  static Batches load(TrainVariant v) {
    TrainConfig defaults = TrainConfig.defaults();
    DataSetLoader loader = DataSets.resolve(v.data(), v.dataDir() == null ? null : Path.of(v.dataDir()));
    if (!(loader instanceof RecommendationLoader rec)) {
      throw new IllegalArgumentException("--data " + v.data() + ": the bare NCF reference needs recommendation data");
    }
    RecommendationDataset data = rec.load(SplitOptions.ncf().withSeed(defaults.splitSeed()));
    RecommendationEpoch epoch = data.trainingSampler(defaults.negatives()).sample(v.seed(), 0);
    int n = epoch.size();
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    SplittableRandom random = new SplittableRandom(v.seed());
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<int[]> users = new ArrayList<>();
    List<int[]> items = new ArrayList<>();
    List<float[]> labels = new ArrayList<>();
    for (int start = 0; start < n; start += v.batchSize()) {
      int size = Math.min(v.batchSize(), n - start);
      int[] u = new int[size];
      int[] it = new int[size];
      float[] y = new float[size];
      for (int k = 0; k < size; k++) {
        int row = order[start + k];
        u[k] = epoch.users()[row];
        it[k] = epoch.items()[row];
        y[k] = epoch.labels()[row];
      }
      users.add(u);
      items.add(it);
      labels.add(y);
    }
    return new Batches(users, items, labels, data.numUsers(), data.numItems());
  }

  /** Trains {@code v.epochs()} epochs over {@code batches} and times each. */
  static VariantResult run(TrainVariant v, Batches batches) {
    int steps = batches.users().size();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TInt32> user = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Placeholder<TInt32> item = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Placeholder<TFloat32> label = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      List<TrainableVariable> vars = new ArrayList<>();
      Operand<TFloat32> loss = ncfMlpLoss(tf, vars, user, item, label, batches.numUsers(), batches.numItems());
      List<Operand<TFloat32>> gradients = LossGradients.of(tf, loss, vars);
      long total = (long) steps * v.epochs();
      long warmup = Math.min(total,
          Math.round(Math.min(TrainConfig.defaults().warmupEpochs(), v.epochs()) * steps));
      BaseOptimizer base = OptimizerSpec.defaults(v.baseKind(), 0).build(tf, "optimizer", vars,
          new WarmupLinearDecay(TrainConfig.defaults().lr(), warmup, total));
      Op freeStep;
      Op constrainedStep = null;
      Op switchOp = null;
      if (v.lawn()) {
        Lawn lawn = Lawn.over(base).groups(GroupSelector.perLayer()).build(tf, gradients);
        freeStep = lawn.freeStep();
        constrainedStep = lawn.constrainedStep();
        switchOp = lawn.switchOp();
      } else {
        freeStep = base.step(gradients, StepTransform.IDENTITY);
      }
      ConfigProto.Builder config = ConfigProto.newBuilder();
      if (v.threads() > 0) {
        config.setIntraOpParallelismThreads(v.threads()).setInterOpParallelismThreads(v.threads());
      }
      try (Session session = new Session(g, config.build())) {
        session.initialize();
        List<EpochTiming> epochs = new ArrayList<>();
        double loopSeconds = 0;
        double inputSeconds = 0;
        for (int epoch = 1; epoch <= v.epochs(); epoch++) {
          String phase = v.phaseOf(epoch);
          if (switchOp != null && phase.equals("constrained") && epochs.stream().noneMatch(e -> e.phase().equals(phase))) {
            session.run(switchOp);
          }
          Op step = phase.equals("constrained") ? constrainedStep : freeStep;
          long input = 0;
          long t0 = System.nanoTime();
          for (int b = 0; b < steps; b++) {
            long i0 = System.nanoTime();
            try (TInt32 u = TInt32.vectorOf(batches.users().get(b));
                TInt32 it = TInt32.vectorOf(batches.items().get(b));
                TFloat32 y = TFloat32.vectorOf(batches.labels().get(b))) {
              input += System.nanoTime() - i0;
              try (Result r = session.runner().feed(user, u).feed(item, it).feed(label, y).addTarget(step).run()) {
                // the update is the work; nothing is fetched
              }
            }
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          epochs.add(new EpochTiming(epoch, phase, batches.rows(), seconds, input / 1e9));
          loopSeconds += seconds;
          inputSeconds += input / 1e9;
        }
        return new VariantResult(v.label(), epochs, inputSeconds / loopSeconds, Double.NaN, PeakRss.bytes().orElse(-1));
      }
    }
  }

  /** Mean sigmoid cross-entropy of NCF-MLP's logit, in the numerically stable form. */
  static Operand<TFloat32> ncfMlpLoss(Ops tf, List<TrainableVariable> vars, Operand<TInt32> user, Operand<TInt32> item,
      Operand<TFloat32> label, int numUsers, int numItems) {
    var ue = embedding(tf, vars, "user_embedding", numUsers);
    var ie = embedding(tf, vars, "item_embedding", numItems);
    Operand<TFloat32> h = tf.concat(List.of(tf.gather(ue, user, tf.constant(0)), tf.gather(ie, item, tf.constant(0))),
        tf.constant(1));
    int in = 2 * EMBEDDING_DIM;
    for (int l = 0; l < HIDDEN.length; l++) {
      h = tf.nn.relu(dense(tf, vars, "mlp_dense" + l, h, in, HIDDEN[l]));
      in = HIDDEN[l];
    }
    Operand<TFloat32> logits = tf.reshape(dense(tf, vars, "prediction", h, in, 1), tf.constant(new int[] {-1}));
    Operand<TFloat32> perExample = tf.math.add(
        tf.math.sub(tf.math.maximum(logits, tf.constant(0f)), tf.math.mul(logits, label)),
        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
    return tf.math.mean(perExample, tf.constant(0));
  }

  private static Variable<TFloat32> embedding(Ops tf, List<TrainableVariable> vars, String name, int rows) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> value = init.math.mul(
        init.random.randomStandardNormal(init.constant(new long[] {rows, EMBEDDING_DIM}), TFloat32.class),
        init.constant(0.01f));
    Variable<TFloat32> v = tf.withName(name).variable(value);
    vars.add(new TrainableVariable(name + "/embeddings", name, VariableRole.EMBEDDING, v));
    return v;
  }

  private static Operand<TFloat32> dense(Ops tf, List<TrainableVariable> vars, String layer, Operand<TFloat32> x,
      int in, int out) {
    Ops init = tf.withInitScope();
    float limit = (float) Math.sqrt(6.0 / (in + out)); // Glorot uniform, as the zoo's Dense
    Operand<TFloat32> kernelInit = init.math.sub(init.math.mul(
        init.random.randomUniform(init.constant(new long[] {in, out}), TFloat32.class), init.constant(2 * limit)),
        init.constant(limit));
    Variable<TFloat32> kernel = tf.withName(layer + "_kernel").variable(kernelInit);
    Variable<TFloat32> bias = tf.withName(layer + "_bias").variable(init.zeros(init.constant(new long[] {out}), TFloat32.class));
    vars.add(new TrainableVariable(layer + "/kernel", layer, VariableRole.KERNEL, kernel));
    vars.add(new TrainableVariable(layer + "/bias", layer, VariableRole.BIAS, bias));
    return tf.math.add(tf.linalg.matMul(x, kernel), bias);
  }
}
