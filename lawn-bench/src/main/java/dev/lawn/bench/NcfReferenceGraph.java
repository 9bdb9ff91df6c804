package dev.lawn.bench;

import dev.lawn.data.Features;
import dev.lawn.models.Model;
import dev.lawn.models.ModelZoo;
import dev.lawn.models.RecommenderOptions;
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
import dev.lawn.train.loss.LossConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training graph of the reference loops: NCF-MLP either written with plain TF-Java ops
 * (embeddings {@code users x 32} and {@code items x 32} concatenated, ReLU MLP 64-32-16-8, one logit,
 * stable sigmoid cross-entropy) or taken from the model zoo with the trainer's loss; then the
 * trainer's optimizer ops ({@link OptimizerSpec#defaults}, {@link WarmupLinearDecay}, LAWN's ops
 * for {@code -lawn}, per-layer groups). No epoch-loss bookkeeping, margins or logs.
 */
final class NcfReferenceGraph implements AutoCloseable {

  static final int EMBEDDING_DIM = 32;
  static final int[] HIDDEN = {32, 16, 8};

  final Graph graph = new Graph();
  final Operand<TInt32> user;
  final Operand<TInt32> item;
  final Placeholder<TFloat32> label;
  /** The zoo model's training flag, or null for the plain graph. */
  final Operand<TBool> training;
  final Op freeStep;
  /** Null without LAWN. */
  final Op constrainedStep;
  /** Null without LAWN. */
  final Op switchOp;

  /**
   * @param zoo the zoo's NCF-MLP instead of the plain-op graph
   * @param stepsPerEpoch optimizer steps per epoch (for the schedule)
   */
  @SuppressWarnings("unchecked")
  NcfReferenceGraph(TrainVariant v, boolean zoo, int numUsers, int numItems, int stepsPerEpoch) {
    Ops tf = Ops.create(graph);
    label = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    List<TrainableVariable> vars;
    Operand<TFloat32> loss;
    List<Op> modelUpdates = List.of();
    if (zoo) {
      Model model = ModelZoo.recommender(tf, v.model(), numUsers, numItems,
          RecommenderOptions.defaults().withSeed(v.seed()));
      user = (Operand<TInt32>) model.inputs().get(Features.USER);
      item = (Operand<TInt32>) model.inputs().get(Features.ITEM);
      training = model.training();
      vars = model.trainableVariables();
      loss = LossConfig.of(LossConfig.BCE).create().mean(tf, model.logits(), label);
      modelUpdates = model.updateOps();
    } else {
      user = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      item = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      training = null;
      vars = new ArrayList<>();
      loss = plainNcfMlpLoss(tf, vars, user, item, label, numUsers, numItems);
    }
    List<Operand<TFloat32>> gradients = LossGradients.of(tf, loss, vars);
    TrainConfig defaults = TrainConfig.defaults();
    long total = (long) stepsPerEpoch * v.epochs();
    long warmup = Math.min(total, Math.round(Math.min(defaults.optimizer().warmupEpochs(), v.epochs()) * stepsPerEpoch));
    BaseOptimizer base = OptimizerSpec.defaults(v.baseKind(), 0, v.lawn()).build(tf, "optimizer", vars,
        new WarmupLinearDecay(defaults.optimizer().lr(), warmup, total));
    if (v.lawn()) {
      Lawn lawn = Lawn.over(base).groups(GroupSelector.perLayer()).build(tf, gradients);
      freeStep = withUpdates(tf, lawn.freeStep(), modelUpdates);
      constrainedStep = withUpdates(tf, lawn.constrainedStep(), modelUpdates);
      switchOp = lawn.switchOp();
    } else {
      freeStep = withUpdates(tf, base.step(gradients, StepTransform.IDENTITY), modelUpdates);
      constrainedStep = null;
      switchOp = null;
    }
  }

  private static Op withUpdates(Ops tf, Op step, List<Op> updates) {
    if (updates.isEmpty()) {
      return step;
    }
    List<Op> all = new ArrayList<>(updates);
    all.add(step);
    return tf.withControlDependencies(all).noOp();
  }

  /** Mean sigmoid cross-entropy of the plain-op NCF-MLP's logit, in the numerically stable form. */
  static Operand<TFloat32> plainNcfMlpLoss(Ops tf, List<TrainableVariable> vars, Operand<TInt32> user,
      Operand<TInt32> item, Operand<TFloat32> label, int numUsers, int numItems) {
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

  @Override
  public void close() {
    graph.close();
  }
}
