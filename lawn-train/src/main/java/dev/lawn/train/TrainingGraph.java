package dev.lawn.train;

import dev.lawn.models.Model;
import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.Lawn;
import dev.lawn.ops.LossGradients;
import dev.lawn.ops.ParameterGroup;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.StepTransform;
import dev.lawn.ops.schedule.WarmupLinearDecay;
import dev.lawn.train.distributed.Placement;
import dev.lawn.train.distributed.Towers;
import dev.lawn.train.distributed.WorkerInput;
import dev.lawn.train.loss.Loss;
import dev.lawn.train.loss.LossConfig;
import dev.lawn.train.loss.Margins;
import dev.lawn.train.metrics.NormColumns;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The whole training graph of one run: model, loss, gated gradients (accumulated over micro-batches
 * when the batch is split), the base optimizer with the paper's schedule, LAWN's ops when asked, and
 * the epoch's running loss. Built completely before the first session run, so that checkpoints see
 * every variable.
 */
final class TrainingGraph implements AutoCloseable {

  final Graph graph = new Graph();
  /** The graph's scope: on the parameter device when replicated. */
  final Ops tf;
  final Model model;
  /** The labels the loss uses: a placeholder fed with each batch, or with {@link #workerInput} the towers' dequeued ones. */
  final Operand<? extends TType> label;
  /** The workers' input queues ({@code --worker-input}), or null when the client feeds the batches. */
  final WorkerInput workerInput;
  final Operand<TFloat32> loss;
  final Operand<TFloat32> margins;
  final BaseOptimizer base;
  final Lawn lawn;
  /** One optimizer step (or, when accumulating, the last micro-batch and the step) in each phase. */
  final Op freeStep;
  final Op constrainedStep;
  /** Adds a micro-batch's weighted gradient; null when batches are not split. */
  final Op accumulate;
  /** The micro-batch's share of its batch ({@code m_j / B}); null when batches are not split. */
  final Placeholder<TFloat32> microWeight;
  final Operand<TFloat32> epochLoss;
  final Op resetEpochLoss;
  /** The learning-rate schedule (for logs: the rate of the last step taken). */
  final WarmupLinearDecay schedule;
  final Operand<TInt64> iterations;
  final List<String> groupNames = new ArrayList<>();
  /** Gradient sums over micro-batches; empty when batches are not split. */
  private final List<Variable<TFloat32>> accumulators = new ArrayList<>();
  final List<Operand<TFloat32>> groupNorms = new ArrayList<>();
  /** The per-epoch margin and norm-product columns (issue 19). */
  final NormColumns normColumns;

  TrainingGraph(TrainConfig config, Task task, boolean accumulating, long totalSteps, long warmupSteps) {
    this(config, task, Placement.singleDevice(), accumulating, totalSteps, warmupSteps, KernelChoice.AUTO);
  }

  /**
   * @param placement where the graph runs; when it replicates, the model built here holds the
   *     variables and serves evaluation, while training runs through one tower per device
   *     ({@link Towers}) whose logits and summed gradients replace the model's own
   * @param kernelChoice how LAWN's constrained step is computed in this process
   */
  TrainingGraph(TrainConfig config, Task task, Placement placement, boolean accumulating, long totalSteps,
      long warmupSteps, KernelChoice kernelChoice) {
    tf = placement.parameterScope(Ops.create(graph));
    model = task.buildModel(tf);
    task.prepareEvaluation(tf, model);
    Operand<? extends TType> labelFeed = task.labelPlaceholder(tf);
    workerInput = placement.workerInput() ? new WorkerInput(tf, placement, model.inputs(), labelFeed.type()) : null;
    label = workerInput == null ? labelFeed : workerInput.label();
    Towers towers = !placement.replicated() ? null : workerInput == null
        ? Towers.forward(tf, placement.towerDevices(), task::buildModel, model)
        : Towers.forward(tf, placement.towerDevices(), task::buildModel, model, workerInput.towerInputs());
    Operand<TFloat32> trainingLogits = towers == null ? model.logits() : towers.logits();
    Loss lossFn = lossConfig(config, task).create();
    loss = tf.withName("loss").identity(lossFn.mean(tf, trainingLogits, label));
    margins = Margins.of(tf, trainingLogits, label);

    Ops init = tf.withInitScope();
    Ops stats = tf.withSubScope("epoch_loss");
    Variable<TFloat32> lossSum = stats.withName("sum").variable(init.constant(0f));
    Variable<TFloat32> lossCount = stats.withName("count").variable(init.constant(0f));
    Operand<TFloat32> examples = tf.dtypes.cast(tf.size(label), TFloat32.class);
    List<Op> perPass = new ArrayList<>(towers == null ? model.updateOps() : towers.updateOps());
    perPass.add(tf.assignAdd(lossSum, tf.math.mul(loss, examples)));
    perPass.add(tf.assignAdd(lossCount, examples));
    epochLoss = tf.math.div(tf.identity(lossSum), tf.math.maximum(tf.identity(lossCount), tf.constant(1f)));
    resetEpochLoss = tf.withControlDependencies(List.of(
        tf.assign(lossSum, tf.constant(0f)), tf.assign(lossCount, tf.constant(0f)))).noOp();

    List<TrainableVariable> variables = model.trainableVariables();
    List<Operand<TFloat32>> gradients = towers == null ? LossGradients.of(tf, loss, variables)
        : LossGradients.gated(tf, towers.gradients(loss));
    if (accumulating) {
      microWeight = tf.withName("micro_weight").placeholder(TFloat32.class);
      Ops acc = tf.withSubScope("accumulate");
      List<Variable<TFloat32>> sums = accumulators;
      List<Op> adds = new ArrayList<>(perPass);
      for (int i = 0; i < variables.size(); i++) {
        Variable<TFloat32> sum = acc.withName("grad" + i).variable(
            init.zeros(init.constant(variables.get(i).shape()), TFloat32.class));
        sums.add(sum);
        adds.add(tf.assignAdd(sum, tf.math.mul(microWeight, gradients.get(i))));
      }
      accumulate = tf.withControlDependencies(adds).noOp();
      Ops afterAccumulate = tf.withControlDependencies(List.of(accumulate));
      gradients = new ArrayList<>();
      for (Variable<TFloat32> sum : sums) {
        gradients.add(afterAccumulate.identity(sum));
      }
      perPass = List.of(accumulate);
    } else {
      microWeight = null;
      accumulate = null;
    }

    schedule = new WarmupLinearDecay(config.lr(), warmupSteps, totalSteps);
    OptimizerSpec spec = OptimizerSpec.defaults(config.baseKind(), (float) config.weightDecay(), config.lawn());
    base = spec.build(tf, "optimizer", variables, schedule);
    iterations = base.iterations();
    if (config.lawn()) {
      GroupSelector selector = GroupSelector.named(config.groups());
      // A cluster's variables live in a worker process, which need not have loaded lawn-ops' native
      // kernels: graph ops there. In this process (CPU or GPU towers, variables on CPU 0) the default.
      KernelChoice kernels = placement.cluster().isPresent() ? KernelChoice.GRAPH_OPS : kernelChoice;
      Lawn.Builder builder = Lawn.over(base).groups(selector).kernels(kernels);
      if (config.alpha() != 1) {
        builder.attenuate(attenuatedGroup(config, selector, variables), (float) config.alpha());
      }
      lawn = builder.build(tf, gradients);
      freeStep = group(lawn.freeStep(), perPass);
      constrainedStep = group(lawn.constrainedStep(), perPass);
      for (int g = 0; g < lawn.groups().size(); g++) {
        groupNames.add(lawn.groups().get(g).name());
      }
      groupNorms.addAll(lawn.groupNorms());
    } else {
      lawn = null;
      freeStep = group(base.step(gradients, StepTransform.IDENTITY), perPass);
      constrainedStep = null;
      for (ParameterGroup g : GroupSelector.perLayer().select(variables)) {
        groupNames.add(g.name());
        List<Operand<TFloat32>> w = new ArrayList<>();
        g.members().forEach(m -> w.add(tf.identity(m.variable())));
        groupNorms.add(tf.math.sqrt(dev.lawn.ops.TangentProjection.dot(tf, w, w)));
      }
    }
    normColumns = new NormColumns(tf, variables,
        lawn != null ? lawn.groups() : GroupSelector.perLayer().select(variables));
  }

  /** The LAWN phase variable, or null without LAWN. */
  Variable<TInt32> phase() {
    return lawn == null ? null : lawn.phase();
  }

  /** The step with the forward pass's own ops, then (when accumulating) the sums zeroed for the next batch. */
  private Op group(Op step, List<Op> perPass) {
    List<Op> all = new ArrayList<>(perPass);
    all.add(step);
    Ops afterStep = tf.withControlDependencies(List.of(step));
    for (Variable<TFloat32> sum : accumulators) {
      all.add(afterStep.assign(sum, afterStep.zerosLike(sum)));
    }
    return tf.withControlDependencies(all).noOp();
  }

  /** {@code --attenuate}, or for {@code auto} the group holding the output layer (the last variable's). */
  private static String attenuatedGroup(TrainConfig config, GroupSelector selector, List<TrainableVariable> variables) {
    if (!config.attenuate().equals("auto")) {
      return config.attenuate();
    }
    TrainableVariable last = variables.get(variables.size() - 1);
    for (ParameterGroup g : selector.select(variables)) {
      if (g.members().contains(last)) {
        return g.name();
      }
    }
    throw new IllegalArgumentException("--attenuate auto: the output layer " + last.layer() + " is not constrained");
  }

  static LossConfig lossConfig(TrainConfig config, Task task) {
    String name = config.loss().equals("auto") ? task.defaultLoss() : config.loss();
    LossConfig loss = LossConfig.of(name).withLabelSmoothing(config.labelSmoothing()).withFloodingLevel(config.flooding());
    return name.equals("focal") ? loss.withFocalGamma(config.focalGamma()) : loss;
  }

  @Override
  public void close() {
    graph.close();
  }
}
