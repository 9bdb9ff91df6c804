package dev.lawn.ops;

import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.StepTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * LAWN, Logit Attenuating Weight Normalization (the paper's §3 and Algorithm 1), wrapped around any
 * {@link BaseOptimizer}. It builds three ops that the training loop runs:
 *
 * <ol>
 *   <li>{@link #freeStep()}: the base optimizer alone, no extra op and no weight decay.
 *   <li>{@link #switchOp()}, once after {@code E_free} epochs: optionally scales one group by
 *       {@code alpha} (logit attenuation), then captures {@code c_l = ||w_l||} per group into
 *       variables (so checkpoints hold them) and sets the phase to constrained.
 *   <li>{@link #constrainedStep()}: project each group's gradient onto the tangent space
 *       {@code g - (<w,g>/<w,w>) w}; the base optimizer updates its state from it; its step direction
 *       is projected again; the step is taken and each group rescaled to {@code ||w_l|| = c_l}, both
 *       in one write ({@link TangentProjection#stepOnSphere}).
 * </ol>
 *
 * <p>A group whose norm is zero at the switch stays free (its {@code active} flag is 0), and no
 * division can produce a NaN. Switching at step 0 with the initial norms is Hoffer et al.'s (2018)
 * bounded weight normalization.
 */
public final class Lawn {

  /** Phase values held by {@link #phase()}. */
  public static final int FREE = 0;
  public static final int CONSTRAINED = 1;

  /** Norms at or below this stay free at the switch (they have no direction to keep). */
  public static final float MIN_NORM = 1e-12f;

  private final Ops tf;
  private final BaseOptimizer base;
  private final List<ParameterGroup> groups;
  private final int[][] members;
  private final List<Variable<TFloat32>> targetNorms = new ArrayList<>();
  private final List<Variable<TFloat32>> active = new ArrayList<>();
  private final Variable<TInt32> phase;
  private final Op freeStep;
  private final Op switchOp;
  private final Op constrainedStep;

  private Lawn(Ops tf, BaseOptimizer base, List<ParameterGroup> groups, List<Operand<TFloat32>> gradients,
      String attenuatedGroup, float alpha) {
    this.tf = tf.withSubScope("lawn");
    this.base = base;
    this.groups = List.copyOf(groups);
    this.members = indexMembers(base.variables(), groups);
    Ops init = this.tf.withInitScope();
    for (int g = 0; g < groups.size(); g++) {
      // Indexed names: group names may contain characters op names do not allow, and two names may
      // sanitize alike; the index keeps checkpoint keys unique and stable for a given model.
      String key = g + "_" + groups.get(g).name().replaceAll("[^A-Za-z0-9_.\\-]", "_");
      targetNorms.add(this.tf.withName("c_" + key).variable(init.constant(0f)));
      active.add(this.tf.withName("active_" + key).variable(init.constant(0f)));
    }
    this.phase = this.tf.withName("phase").variable(init.constant(FREE));
    this.freeStep = base.step(gradients, StepTransform.IDENTITY);
    this.constrainedStep = buildConstrainedStep(gradients);
    this.switchOp = buildSwitch(attenuatedGroup, alpha);
  }

  /** Starts a LAWN wrapper around {@code base}. */
  public static Builder over(BaseOptimizer base) {
    return new Builder(base);
  }

  /** One step of the base optimizer alone. */
  public Op freeStep() {
    return freeStep;
  }

  /** Attenuation, norm capture and phase change; run once. */
  public Op switchOp() {
    return switchOp;
  }

  /** One step of Algorithm 1. */
  public Op constrainedStep() {
    return constrainedStep;
  }

  /** {@link #FREE} or {@link #CONSTRAINED}; a variable, so a resumed run knows its phase. */
  public Variable<TInt32> phase() {
    return phase;
  }

  /** The wrapped optimizer. */
  public BaseOptimizer base() {
    return base;
  }

  /** The constrained groups, in the order of {@link #targetNorms()}. */
  public List<ParameterGroup> groups() {
    return groups;
  }

  /** {@code c_l} per group (0 before the switch). */
  public List<Variable<TFloat32>> targetNorms() {
    return List.copyOf(targetNorms);
  }

  /** 1 for a constrained group, 0 for one left free (zero norm at the switch, or before it). */
  public List<Variable<TFloat32>> activeFlags() {
    return List.copyOf(active);
  }

  /** The current {@code ||w_l||} per group, for logs. */
  public List<Operand<TFloat32>> groupNorms() {
    List<Operand<TFloat32>> norms = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<Operand<TFloat32>> w = read(tf, g);
      norms.add(tf.math.sqrt(TangentProjection.dot(tf, w, w)));
    }
    return norms;
  }

  private Op buildConstrainedStep(List<Operand<TFloat32>> gradients) {
    // <w,w> per group from the weights before the step, shared by both projections.
    List<Operand<TFloat32>> weights = new ArrayList<>();
    for (TrainableVariable v : base.variables()) {
      weights.add(tf.identity(v.variable()));
    }
    List<Operand<TFloat32>> ww = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<Operand<TFloat32>> w = slice(weights, g);
      ww.add(TangentProjection.dot(tf, w, w));
    }
    List<Operand<TFloat32>> projectedGradients = projectGroups(gradients, weights, ww);
    // The step is taken from the base's own view of w_{t-1}: a fused optimizer updates variables in
    // place, so only its pre-step copy is safe to read after it ran.
    return base.step(projectedGradients, (before, steps) -> {
      List<Operand<TFloat32>> next = new ArrayList<>(steps.size());
      for (int i = 0; i < steps.size(); i++) {
        next.add(tf.math.add(before.get(i), steps.get(i))); // variables outside every group
      }
      for (int g = 0; g < groups.size(); g++) {
        List<Operand<TFloat32>> moved = TangentProjection.stepOnSphere(
            tf, slice(before, g), ww.get(g), slice(steps, g), targetNorms.get(g), active.get(g));
        for (int k = 0; k < members[g].length; k++) {
          next.set(members[g][k], moved.get(k));
        }
      }
      return next;
    });
  }

  /** Applies the tangent projection at {@code weights} to each group's slice of {@code perVariable}. */
  private List<Operand<TFloat32>> projectGroups(
      List<Operand<TFloat32>> perVariable, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> ww) {
    List<Operand<TFloat32>> out = new ArrayList<>(perVariable);
    for (int g = 0; g < groups.size(); g++) {
      List<Operand<TFloat32>> projected =
          TangentProjection.project(tf, slice(weights, g), ww.get(g), slice(perVariable, g), active.get(g));
      for (int k = 0; k < members[g].length; k++) {
        out.set(members[g][k], projected.get(k));
      }
    }
    return out;
  }

  private List<Operand<TFloat32>> slice(List<Operand<TFloat32>> perVariable, int group) {
    List<Operand<TFloat32>> out = new ArrayList<>(members[group].length);
    for (int i : members[group]) {
      out.add(perVariable.get(i));
    }
    return out;
  }

  private Op buildSwitch(String attenuatedGroup, float alpha) {
    List<Op> attenuation = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (alpha != 1f && groups.get(g).name().equals(attenuatedGroup)) {
        for (int k = 0; k < members[g].length; k++) {
          attenuation.add(tf.assign(variable(g, k), tf.math.mul(tf.constant(alpha), tf.identity(variable(g, k)))));
        }
      }
    }
    Ops after = tf.withControlDependencies(attenuation);
    List<Op> captured = new ArrayList<>(base.continueStateOps());
    for (int g = 0; g < groups.size(); g++) {
      List<Operand<TFloat32>> w = read(after, g);
      Operand<TFloat32> norm = after.math.sqrt(TangentProjection.dot(after, w, w));
      captured.add(after.assign(targetNorms.get(g), norm));
      captured.add(after.assign(active.get(g),
          after.dtypes.cast(after.math.greater(norm, after.constant(MIN_NORM)), TFloat32.class)));
    }
    captured.add(after.assign(phase, after.constant(CONSTRAINED)));
    return tf.withControlDependencies(captured).noOp();
  }

  private List<Operand<TFloat32>> read(Ops ops, int group) {
    List<Operand<TFloat32>> values = new ArrayList<>();
    for (int k = 0; k < members[group].length; k++) {
      values.add(ops.identity(variable(group, k)));
    }
    return values;
  }

  private Variable<TFloat32> variable(int group, int member) {
    return base.variables().get(members[group][member]).variable();
  }

  private static int[][] indexMembers(List<TrainableVariable> variables, List<ParameterGroup> groups) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < variables.size(); i++) {
      index.put(variables.get(i).name(), i);
    }
    int[][] out = new int[groups.size()][];
    Map<String, String> owner = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      List<TrainableVariable> m = groups.get(g).members();
      out[g] = new int[m.size()];
      for (int k = 0; k < m.size(); k++) {
        String name = m.get(k).name();
        Integer i = index.get(name);
        if (i == null) {
          throw new IllegalArgumentException("group '" + groups.get(g).name() + "' holds '" + name
              + "', which the base optimizer does not train");
        }
        String previous = owner.put(name, groups.get(g).name());
        if (previous != null) {
          throw new IllegalArgumentException("variable '" + name + "' is in two groups: '" + previous
              + "' and '" + groups.get(g).name() + "'");
        }
        out[g][k] = i;
      }
    }
    return out;
  }

  /** Configures and builds a {@link Lawn}. */
  public static final class Builder {
    private final BaseOptimizer base;
    private GroupSelector selector = GroupSelector.perLayer();
    private List<ParameterGroup> explicitGroups;
    private String attenuatedGroup;
    private float alpha = 1f;

    private Builder(BaseOptimizer base) {
      this.base = Objects.requireNonNull(base, "base");
    }

    /** How groups are chosen from the base optimizer's variables (default {@link GroupSelector#perLayer()}). */
    public Builder groups(GroupSelector selector) {
      this.selector = Objects.requireNonNull(selector, "selector");
      this.explicitGroups = null;
      return this;
    }

    /** Explicit groups instead of a selector. */
    public Builder groups(List<ParameterGroup> groups) {
      this.explicitGroups = List.copyOf(groups);
      return this;
    }

    /**
     * At the switch, multiply group {@code group} by {@code alpha} before its norm is captured (the
     * paper's Figure 1: the output layer's logits shrunk to {@code alpha}).
     */
    public Builder attenuate(String group, float alpha) {
      if (!(alpha > 0) || Float.isInfinite(alpha)) {
        throw new IllegalArgumentException("alpha must be finite and > 0, got " + alpha);
      }
      this.attenuatedGroup = Objects.requireNonNull(group, "group");
      this.alpha = alpha;
      return this;
    }

    /**
     * Builds the three ops in {@code tf}'s graph.
     *
     * @param gradients one per base variable, in {@link BaseOptimizer#variables()} order
     */
    public Lawn build(Ops tf, List<Operand<TFloat32>> gradients) {
      List<ParameterGroup> groups = explicitGroups != null ? explicitGroups : selector.select(base.variables());
      if (attenuatedGroup != null && groups.stream().noneMatch(g -> g.name().equals(attenuatedGroup))) {
        throw new IllegalArgumentException("attenuated group '" + attenuatedGroup + "' is not a constrained group; groups: "
            + groups.stream().map(ParameterGroup::name).toList());
      }
      return new Lawn(tf, base, groups, gradients, attenuatedGroup, alpha);
    }
  }
}
