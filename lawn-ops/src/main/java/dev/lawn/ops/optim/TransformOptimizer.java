package dev.lawn.ops.optim;

import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.schedule.LearningRateSchedule;
import dev.lawn.ops.transform.GradientTransform;
import dev.lawn.ops.transform.Updates;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * An optimizer made of a {@link GradientTransform} (its direction {@code u}) and a learning-rate
 * schedule: {@code w <- w - lr(t) * transform(u)}. Its step direction is an ordinary tensor, so LAWN
 * projects it exactly as Algorithm 1 says.
 */
public final class TransformOptimizer implements BaseOptimizer {

  private final Ops tf;
  private final String name;
  private final List<TrainableVariable> variables;
  private final GradientTransform.Stage stage;
  private final LearningRateSchedule schedule;
  private final Variable<TInt64> iterations;

  /**
   * Creates the optimizer's state in {@code tf}'s graph under the sub-scope {@code name}.
   *
   * @param name scope of the state variables; two optimizers in one graph need different names
   */
  public TransformOptimizer(
      Ops tf, String name, List<TrainableVariable> variables, GradientTransform transform, LearningRateSchedule schedule) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("optimizer '" + name + "' was given no variables");
    }
    this.tf = tf.withSubScope(name);
    this.name = transform.name();
    this.variables = List.copyOf(variables);
    this.schedule = schedule;
    this.stage = transform.init(this.tf, this.variables);
    Ops init = this.tf.withInitScope();
    this.iterations = this.tf.withName("iterations").variable(init.constant(0L));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<TrainableVariable> variables() {
    return variables;
  }

  @Override
  public Operand<TInt64> iterations() {
    return iterations;
  }

  @Override
  public Operand<TFloat32> learningRate() {
    return schedule.rate(tf, tf.identity(iterations));
  }

  @Override
  public boolean transformWrites() {
    return true;
  }

  @Override
  public Op step(List<Operand<TFloat32>> gradients, StepTransform transform) {
    if (gradients.size() != variables.size()) {
      throw new IllegalArgumentException(
          "got " + gradients.size() + " gradients for " + variables.size() + " variables");
    }
    List<Operand<TFloat32>> params = new ArrayList<>(variables.size());
    for (TrainableVariable v : variables) {
      params.add(tf.identity(v.variable()));
    }
    Operand<TInt64> t = tf.identity(iterations);
    Operand<TFloat32> count = tf.math.add(tf.dtypes.cast(t, TFloat32.class), tf.constant(1f));
    boolean own = transform == StepTransform.IDENTITY;
    Updates updates = stage.update(tf, own ? gradients : transform.gradients(params, gradients), params, count);
    Operand<TFloat32> lr = schedule.rate(tf, t);
    List<Op> applied = new ArrayList<>(updates.stateUpdates());
    if (own) {
      for (int i = 0; i < variables.size(); i++) {
        applied.add(tf.train.applyGradientDescent(variables.get(i).variable(), lr, updates.values().get(i)));
      }
    } else {
      List<Variable<TFloat32>> vars = variables.stream().map(TrainableVariable::variable).toList();
      applied.addAll(transform.write(tf, vars, params, updates.values(), lr));
    }
    // Count the step only after everything that read the old count ran.
    Op counted = tf.withControlDependencies(applied).assignAdd(iterations, tf.constant(1L));
    return tf.withControlDependencies(List.of(counted)).noOp();
  }
}
