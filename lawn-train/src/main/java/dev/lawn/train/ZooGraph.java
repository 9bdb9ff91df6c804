package dev.lawn.train;

import dev.lawn.models.Model;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.train.config.LawnChoice;
import dev.lawn.train.config.OptimizerSettings;
import dev.lawn.train.distributed.Placement;
import dev.lawn.train.distributed.Towers;
import dev.lawn.train.distributed.WorkerInput;
import dev.lawn.train.loss.LossConfig;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * A configuration's zoo model in a graph, as {@link Fit}'s loop trains it: the task's model and
 * evaluation outputs, the label (a placeholder, or with worker input the workers' dequeued labels),
 * the towers when replicated, and the training ops.
 */
final class ZooGraph {

  final Model model;
  final WorkerInput workerInput;
  final TrainingGraph training;

  ZooGraph(Graph graph, TrainConfig config, Task task, Placement placement, Plan plan, Optimization optimization) {
    Ops tf = placement.parameterScope(Ops.create(graph));
    model = task.buildModel(tf);
    task.prepareEvaluation(tf, model);
    Operand<? extends TType> labelFeed = task.labelPlaceholder(tf);
    workerInput = placement.workerInput() ? new WorkerInput(tf, placement, model.inputs(), labelFeed.type()) : null;
    Operand<? extends TType> label = workerInput == null ? labelFeed : workerInput.label();
    Towers towers = !placement.replicated() ? null : workerInput == null
        ? Towers.forward(tf, placement.towerDevices(), task::buildModel, model)
        : Towers.forward(tf, placement.towerDevices(), task::buildModel, model, workerInput.towerInputs());
    training = new TrainingGraph(tf, FitModel.of(model, label), towers, lossConfig(config, task),
        optimization, plan.accumulating(), plan.totalSteps(), plan.warmupSteps());
  }

  /**
   * The configuration's optimizer, schedule and LAWN settings.
   *
   * @param kernels how LAWN's constrained step is computed in this process
   */
  static Optimization optimization(TrainConfig config, Placement placement, KernelChoice kernels) {
    OptimizerSettings o = config.optimizer();
    OptimizerSpec.Kind kind = o.choice().kind();
    if (!o.lawn()) {
      return Optimization.plain(kind, o.lr(), o.weightDecay(), o.warmupEpochs()).withEpsilon(o.epsilon())
          .withClipNorm(o.clipNorm());
    }
    // A cluster's variables live in a worker process, which need not have loaded lawn-ops' native
    // kernels: graph ops there. In this process (CPU or GPU towers, variables on CPU 0) the caller's choice.
    KernelChoice here = placement.cluster().isPresent() ? KernelChoice.GRAPH_OPS : kernels;
    LawnChoice lawn = config.lawn();
    return Optimization.withLawn(kind, o.lr(), o.warmupEpochs(), new Optimization.LawnSettings(
        lawn.eFree().policy(), lawn.selector(), lawn.alpha(), lawn.attenuate(), here)).withEpsilon(o.epsilon())
        .withClipNorm(o.clipNorm());
  }

  /** The configuration's loss; {@code auto} is the task's default. */
  static LossConfig lossConfig(TrainConfig config, Task task) {
    return config.loss().toLossConfig(task.defaultLoss());
  }
}
