package dev.lawn.ops.optim;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Adapts any {@code org.tensorflow.framework.optimizers.Optimizer} (RMSProp, AdaGrad, Nadam, ...)
 * so that LAWN can wrap it.
 *
 * <p>Those optimizers apply their step inside fused kernels ({@code ApplyAdam}, ...), so the step
 * direction is never a tensor. When a {@link StepTransform} is given, this adapter snapshots the
 * weights, lets the optimizer step, hands {@code (w_before, w_after - w_before)} to the transform
 * (at rate -1) and writes the {@link LinearMove} it returns. The transform's gradients are computed
 * from the weights read before the step. For LAWN this is exact up to the float32 rounding of that
 * subtraction; it costs one extra copy of the weights per step. The learning rate is the framework
 * optimizer's own constant: in-graph schedules are not available for these optimizers (TF-Java
 * 1.1.0 takes learning rates as floats).
 *
 * <p>Each {@link #step} build calls {@code applyGradients}, which creates a fresh set of slots; the
 * adapter records them and {@link #continueStateOps()} copies the first build's state into the
 * latest one, so the constrained phase continues the free phase's moments.
 *
 * <p><b>Not for Adam.</b> TF-Java 1.1.0's {@code org.tensorflow.framework.optimizers.Adam} updates
 * its bias-correction powers ({@code beta1_power}, {@code beta2_power}) with assigns that are not
 * ordered after the {@code ApplyAdam} kernels that read them. Which powers a step sees is a race:
 * both a step ahead, only {@code beta1_power}, only {@code beta2_power}, or neither. The first step
 * is then {@code (1-b1)/(1-b1^2) * sqrt((1-b2^2)/(1-b2))} = 0.744, {@code (1-b1)/(1-b1^2)} = 0.526,
 * {@code sqrt((1-b2^2)/(1-b2))} = 1.414 or 1 times the textbook one, and identical runs differ
 * ({@code FrameworkOptimizerTest}: 0.744 in most of 30 fresh graphs, 0.526 in many, 1.414 and 1 rarely). With LAWN
 * use lawn's own Adam, AdamW and LAMB ({@link OptimizerSpec}), which take the textbook steps and
 * can use the fused kernels.
 */
public final class FrameworkOptimizer implements BaseOptimizer {

  private final Ops tf;
  private final Optimizer optimizer;
  private final List<TrainableVariable> variables;
  private final Variable<TInt64> iterations;
  private final List<List<Variable<?>>> stateByBuild = new ArrayList<>();
  private List<Variable<TFloat32>> snapshots;

  /** Wraps {@code optimizer}, which must have been created on the same graph as {@code tf}. */
  public FrameworkOptimizer(Ops tf, Optimizer optimizer, List<TrainableVariable> variables) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("optimizer '" + optimizer.getOptimizerName() + "' was given no variables");
    }
    this.tf = tf.withSubScope("framework-" + optimizer.getOptimizerName());
    this.optimizer = optimizer;
    this.variables = List.copyOf(variables);
    this.iterations = this.tf.withName("iterations").variable(this.tf.withInitScope().constant(0L));
  }

  @Override
  public String name() {
    return optimizer.toString();
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
    // The framework optimizers keep their rate private; report it as unknown.
    return tf.constant(Float.NaN);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Op step(List<Operand<TFloat32>> gradients, StepTransform transform) {
    if (gradients.size() != variables.size()) {
      throw new IllegalArgumentException(
          "got " + gradients.size() + " gradients for " + variables.size() + " variables");
    }
    boolean transformed = transform != StepTransform.IDENTITY;
    List<Op> before = transformed ? snapshot() : List.of();
    Ops gated = tf.withControlDependencies(before);
    List<GradAndVar<?>> pairs = new ArrayList<>();
    List<Operand<TFloat32>> given = gradients;
    if (transformed) {
      // The variables change in place when the optimizer applies: read them for the transform's
      // gradients before (the gradients feed the apply, so these reads run first).
      List<Operand<TFloat32>> current = new ArrayList<>(variables.size());
      for (TrainableVariable v : variables) {
        current.add(tf.identity(v.variable()));
      }
      given = transform.gradients(current, gradients);
    }
    for (int i = 0; i < variables.size(); i++) {
      Operand<TFloat32> g = transformed ? gated.identity(given.get(i)) : given.get(i);
      pairs.add(new GradAndVar<>(g.asOutput(), variables.get(i).variable().asOutput()));
    }
    Set<String> existing = variableOps(tf.scope().env() instanceof Graph g ? g : null);
    Op applied = optimizer.applyGradients((List) pairs, "apply");
    stateByBuild.add(newVariables(existing));
    List<Op> done = new ArrayList<>(List.of(applied));
    if (transformed) {
      done = replaceStep(applied, transform);
    }
    Op counted = tf.withControlDependencies(done).assignAdd(iterations, tf.constant(1L));
    return tf.withControlDependencies(List.of(counted)).noOp();
  }

  @Override
  public List<Op> continueStateOps() {
    if (stateByBuild.size() < 2) {
      return List.of();
    }
    List<Variable<?>> first = stateByBuild.get(0);
    List<Variable<?>> last = stateByBuild.get(stateByBuild.size() - 1);
    if (first.size() != last.size()) {
      throw new IllegalStateException("optimizer built different state on its two steps: " + first.size() + " vs " + last.size());
    }
    List<Op> copies = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      copies.add(copy(last.get(i), first.get(i)));
    }
    return copies;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Op copy(Variable target, Variable source) {
    return tf.assign(target, tf.identity(source));
  }

  private List<Op> snapshot() {
    if (snapshots == null) {
      snapshots = new ArrayList<>();
      Ops init = tf.withInitScope();
      for (TrainableVariable v : variables) {
        snapshots.add(tf.withName(v.name().replaceAll("[^A-Za-z0-9_.\\-]", "_") + "-before")
            .variable(init.zeros(init.constant(v.shape()), TFloat32.class)));
      }
    }
    List<Op> saves = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      saves.add(tf.assign(snapshots.get(i), tf.identity(variables.get(i).variable())));
    }
    return saves;
  }

  private List<Op> replaceStep(Op applied, StepTransform transform) {
    Ops after = tf.withControlDependencies(List.of(applied));
    List<Operand<TFloat32>> before = new ArrayList<>();
    List<Operand<TFloat32>> deltas = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Operand<TFloat32> old = after.identity(snapshots.get(i));
      before.add(old);
      deltas.add(after.math.sub(after.identity(variables.get(i).variable()), old));
    }
    List<LinearMove> moves = transform.apply(before, deltas, after.constant(-1f));
    List<Op> writes = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      LinearMove move = moves.get(i);
      Operand<TFloat32> next = after.math.sub(before.get(i), after.math.mul(move.rate(), deltas.get(i)));
      if (move.decay() != null) {
        next = after.math.sub(next, after.math.mul(move.decay(), before.get(i)));
      }
      writes.add(after.assign(variables.get(i).variable(), next));
    }
    return writes;
  }

  private static Set<String> variableOps(Graph graph) {
    Set<String> names = new HashSet<>();
    if (graph != null) {
      for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("VariableV2")) {
          names.add(op.name());
        }
      }
    }
    return names;
  }

  private List<Variable<?>> newVariables(Set<String> existing) {
    List<Variable<?>> created = new ArrayList<>();
    if (tf.scope().env() instanceof Graph graph) {
      for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("VariableV2") && !existing.contains(op.name())) {
          created.add(new Variable<>(op));
        }
      }
    }
    return created;
  }
}
