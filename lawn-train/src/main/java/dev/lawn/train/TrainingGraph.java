package dev.lawn.train;

import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.Lawn;
import dev.lawn.ops.LossGradients;
import dev.lawn.ops.ParameterGroup;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.StepTransform;
import dev.lawn.ops.transform.ClipByGlobalNorm;
import dev.lawn.ops.schedule.LearningRateSchedule;
import dev.lawn.train.distributed.Towers;
import dev.lawn.train.loss.Loss;
import dev.lawn.train.loss.LossConfig;
import dev.lawn.train.loss.Margins;
import dev.lawn.train.metrics.NormColumns;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The training ops of one run, added to the graph that holds the model: loss, gated gradients
 * (accumulated over micro-batches when the batch is split), the base optimizer with the paper's
 * schedule, LAWN's ops when asked, the epoch's running loss and the per-group weight norms. Built
 * completely before the first session run, so that checkpoints see every variable.
 */
final class TrainingGraph {

  /** The graph's scope: on the parameter device when replicated. */
  final Ops tf;
  final FitModel model;
  /** The labels the loss uses: a placeholder fed with each batch, or with worker input the towers' dequeued ones. */
  final Operand<? extends TType> label;
  final Operand<TFloat32> loss;
  final Operand<TFloat32> margins;
  final BaseOptimizer base;
  final Lawn lawn;
  /** One optimizer step (or, when accumulating, the last micro-batch and the step) in each phase. */
  final Op freeStep;
  final Op constrainedStep;
  /**
   * The global norm of the gradient the base optimizer is given by {@link #freeStep} (the loss
   * gradient) and by {@link #constrainedStep} (LAWN's projected gradient; null without LAWN): the
   * norm {@code --clip-norm} is compared with, before clipping. Fetched with the step, so it costs
   * no extra session run, only a few ops on gradients the step computes anyway.
   */
  final Operand<TFloat32> freeGradNorm;
  final Operand<TFloat32> constrainedGradNorm;
  /** Adds a micro-batch's weighted gradient; null when batches are not split. */
  final Op accumulate;
  /** The micro-batch's share of its batch ({@code m_j / B}); null when batches are not split. */
  final Placeholder<TFloat32> microWeight;
  final Operand<TFloat32> epochLoss;
  final Op resetEpochLoss;
  /** The learning-rate schedule (for logs: the rate of the last step taken). */
  final LearningRateSchedule schedule;
  final Operand<TInt64> iterations;
  final List<String> groupNames = new ArrayList<>();
  /** Gradient sums over micro-batches; empty when batches are not split. */
  private final List<Variable<TFloat32>> accumulators = new ArrayList<>();
  final List<Operand<TFloat32>> groupNorms = new ArrayList<>();
  /** The per-epoch margin and norm-product columns (issue 19). */
  final NormColumns normColumns;

  /**
   * @param towers when replicated, one forward pass per device whose logits and summed gradients
   *     replace the model's own (the model holds the variables and serves evaluation); else null
   */
  TrainingGraph(Ops tf, FitModel model, Towers towers, LossConfig lossConfig, Optimization optimization,
      boolean accumulating, long totalSteps, long warmupSteps) {
    this.tf = tf;
    this.model = model;
    this.label = model.label();
    Operand<TFloat32> trainingLogits = towers == null ? model.logits() : towers.logits();
    Loss lossFn = lossConfig.create();
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

    List<TrainableVariable> variables = model.variables();
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

    schedule = optimization.schedule().create(optimization.learningRate(), warmupSteps, totalSteps);
    base = optimization.spec().build(tf, "optimizer", variables, schedule);
    iterations = base.iterations();
    Optimization.LawnSettings settings = optimization.lawn();
    if (settings != null) {
      GroupSelector selector = settings.groups();
      List<ParameterGroup> groups = selector.select(variables);
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("LAWN: the group selector " + selector + " selects none of the variables "
            + variables.stream().map(TrainableVariable::name).toList() + "; give them roles it constrains");
      }
      Lawn.Builder builder = Lawn.over(base).groups(groups).kernels(settings.kernels());
      if (settings.alpha() != 1) {
        builder.attenuate(attenuatedGroup(settings.attenuate(), groups, variables), (float) settings.alpha());
      }
      lawn = builder.build(tf, gradients);
      Identity<TFloat32> freeNorm = tf.withName("grad_norm").identity(ClipByGlobalNorm.globalNorm(tf, gradients));
      Identity<TFloat32> constrainedNorm = tf.withName("projected_grad_norm").identity(
          ClipByGlobalNorm.globalNorm(tf, lawn.projectedGradients()));
      freeGradNorm = freeNorm;
      constrainedGradNorm = constrainedNorm;
      freeStep = group(lawn.freeStep(), perPass, freeNorm);
      constrainedStep = group(lawn.constrainedStep(), perPass, constrainedNorm);
      for (int g = 0; g < lawn.groups().size(); g++) {
        groupNames.add(lawn.groups().get(g).name());
      }
      groupNorms.addAll(lawn.groupNorms());
    } else {
      lawn = null;
      Identity<TFloat32> freeNorm = tf.withName("grad_norm").identity(ClipByGlobalNorm.globalNorm(tf, gradients));
      freeGradNorm = freeNorm;
      constrainedGradNorm = null;
      freeStep = group(base.step(gradients, StepTransform.IDENTITY), perPass, freeNorm);
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

  /**
   * The step with the forward pass's own ops, then (when accumulating) the sums zeroed for the next
   * batch: after the step and after {@code gradNorm}, which reads the sums too.
   */
  private Op group(Op step, List<Op> perPass, Op gradNorm) {
    List<Op> all = new ArrayList<>(perPass);
    all.add(step);
    Ops afterStep = tf.withControlDependencies(List.of(step, gradNorm));
    for (Variable<TFloat32> sum : accumulators) {
      all.add(afterStep.assign(sum, afterStep.zerosLike(sum)));
    }
    return tf.withControlDependencies(all).noOp();
  }

  /** {@code attenuate}, or for {@code auto} the group holding the output layer (the last variable's). */
  private static String attenuatedGroup(String attenuate, List<ParameterGroup> groups,
      List<TrainableVariable> variables) {
    if (!attenuate.equals("auto")) {
      if (groups.stream().noneMatch(g -> g.name().equals(attenuate))) {
        throw new IllegalArgumentException("--attenuate " + attenuate + ": no such LAWN group; groups: "
            + groups.stream().map(ParameterGroup::name).toList());
      }
      return attenuate;
    }
    TrainableVariable last = variables.get(variables.size() - 1);
    for (ParameterGroup g : groups) {
      if (g.members().contains(last)) {
        return g.name();
      }
    }
    throw new IllegalArgumentException("--attenuate auto: the output layer " + last.layer() + " is not constrained");
  }
}
