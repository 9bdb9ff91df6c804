package dev.lawn.ops;

import dev.lawn.ops.kernels.FusedSphereOps;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.LinearMove;
import dev.lawn.ops.optim.StepTransform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 *       {@code alpha} (logit attenuation), then captures {@code c_l = ||w_l||} per group into a
 *       variable (so checkpoints hold it) and sets the phase to constrained.
 *   <li>{@link #constrainedStep()}: Algorithm 1, written out in the nested class {@code AlgorithmOne}: project the
 *       gradient, base update, project the step, take the step, rescale.
 * </ol>
 *
 * <p>The graph-op version is the reference, and its geometry is {@link TangentProjection}'s. On
 * CPU the same arithmetic runs by default as two fused kernels per group ({@link FusedSphereOps},
 * chosen by {@link Builder#kernels}). A group whose norm is zero at the switch stays free (its
 * {@code active} entry is 0), and no division can produce a NaN. Switching at step 0 with the
 * initial norms is Hoffer et al.'s (2018) bounded weight normalization.
 *
 * <p><b>Choices where the paper is silent</b> ({@code LawnChoicesTest} runs each against the float64
 * reference made the other way, and requires the difference):
 *
 * <ul>
 *   <li><b>The base optimizer's state carries over the switch.</b> Its moments ({@code m},
 *       {@code v}, momentum) and its step count, which drives Adam's bias correction and the
 *       learning-rate schedule, continue from the free phase; nothing is reset. A
 *       {@code FrameworkOptimizer} copies its free-phase slots into the constrained step's at the
 *       switch ({@link BaseOptimizer#continueStateOps()}).
 *   <li><b>LAMB-LAWN's trust ratio is LAMB's own:</b> {@code ||w_i|| / ||u_i||} per variable, on
 *       kernels and embeddings only (biases and normalization parameters take ratio 1), computed on
 *       the base direction {@code u} (made from the projected gradient) before line 9 projects the
 *       step: neither per group nor on the projected step.
 *   <li><b>A group is a layer's kernel and bias</b> (and an embedding table is its own layer's
 *       group): {@link GroupSelector#perLayer()}, so the norm held is that of the vector whose scale
 *       sets the logits. Normalization scales and offsets stay free.
 * </ul>
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
  private final GroupMembers members;
  private final TangentProjection projection;
  private final Variable<TFloat32> targetNorms;
  private final Variable<TFloat32> active;
  private final Variable<TInt32> phase;
  private final Op freeStep;
  private final Op switchOp;
  private final Op constrainedStep;
  private final List<Operand<TFloat32>> groupNorms;
  private List<Operand<TFloat32>> projectedGradients;
  /** Whether the constrained step uses {@link FusedSphereOps} instead of graph ops. */
  private final boolean fused;

  private Lawn(Ops tf, BaseOptimizer base, List<ParameterGroup> groups, List<Operand<TFloat32>> gradients,
      String attenuatedGroup, float alpha, KernelChoice kernels) {
    this.tf = tf.withSubScope("lawn");
    this.base = base;
    this.groups = List.copyOf(groups);
    this.members = new GroupMembers(base.variables(), groups);
    this.fused = useFusedKernels(kernels, base, members);
    this.projection = new TangentProjection(this.tf, members.groupOfMember(), groups.size());
    Ops init = this.tf.withInitScope();
    Operand<TFloat32> zeros = init.zeros(init.constant(new int[] {groups.size()}), TFloat32.class);
    this.targetNorms = this.tf.withName("target_norms").variable(zeros);
    this.active = this.tf.withName("active").variable(zeros);
    this.phase = this.tf.withName("phase").variable(init.constant(FREE));
    this.freeStep = base.step(gradients, StepTransform.IDENTITY);
    this.constrainedStep = buildConstrainedStep(gradients);
    this.switchOp = buildSwitch(attenuatedGroup, alpha);
    this.groupNorms = projection.norms(this.tf, read(this.tf));
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

  /** {@code c_l}, one entry per group (0 before the switch); a variable, so checkpoints hold it. */
  public Variable<TFloat32> targetNorms() {
    return targetNorms;
  }

  /** 1 for a constrained group, 0 for one left free (zero norm at the switch, or before it). */
  public Variable<TFloat32> activeFlags() {
    return active;
  }

  /**
   * The gradients as the constrained step hands them to the base optimizer (projected onto each
   * active group's tangent space), one per base variable; for diagnostics and tests.
   */
  public List<Operand<TFloat32>> projectedGradients() {
    return List.copyOf(projectedGradients);
  }

  /** True when the constrained step runs LAWN's fused CPU kernels ({@link FusedSphereOps}), false for graph ops. */
  public boolean fusedKernels() {
    return fused;
  }

  /** {@code fused-cpu} or {@code graph-ops}: what the constrained step runs, for logs and summaries. */
  public String kernelsName() {
    return fused ? "fused-cpu" : "graph-ops";
  }

  /** The current {@code ||w_l||} per group, for logs. */
  public List<Operand<TFloat32>> groupNorms() {
    return groupNorms;
  }

  private Op buildConstrainedStep(List<Operand<TFloat32>> gradients) {
    if (!fused) {
      return base.step(gradients, new AlgorithmOne());
    }
    FusedConstrainedStep kernels = new FusedConstrainedStep(tf, members, active, targetNorms);
    Op step = base.step(gradients, kernels);
    projectedGradients = kernels.projectedGradients();
    return step;
  }

  /**
   * Algorithm 1 (the constrained phase), the paper's line numbers on the left. The base optimizer
   * runs lines 5-8 between the two calls, and hands over its own reads of {@code w_{t-1}} (a fused
   * optimizer updates variables in place, so only its pre-step view is safe):
   *
   * <pre>
   *  4      g_p = g - (&lt;w,g&gt;/&lt;w,w&gt;) w          project the gradient   gradients()
   *  5-8    m, v, d from g_p                    base update             (the optimizer)
   *  9      s_p = s - (&lt;w,s&gt;/&lt;w,w&gt;) w, s = -lr d  project the step       apply()
   *  10     w' = w + s_p                        take the step
   *  11     w' = c w' / ||w'||                  rescale
   * </pre>
   *
   * Lines 10 and 11 are one in-place {@link LinearMove} per variable, {@code w' = f (1-k) w - f lr d}:
   * the norm of {@code w + s_p} comes from pre-step scalars ({@link TangentProjection.TakenStep}).
   */
  private final class AlgorithmOne implements StepTransform {
    private TangentProjection.Tangent tangent;

    /** Line 4; the base optimizer then updates its state from the projected gradients (lines 5-8). */
    @Override
    public List<Operand<TFloat32>> gradients(List<Operand<TFloat32>> before, List<Operand<TFloat32>> gradients) {
      tangent = projection.at(members.of(before), tf.identity(active));
      projectedGradients = members.replace(gradients, tangent.project(members.of(gradients)));
      return projectedGradients;
    }

    /** Lines 9-11 for the base optimizer's direction {@code d} at rate {@code lr}. */
    @Override
    public List<LinearMove> apply(List<Operand<TFloat32>> before, List<Operand<TFloat32>> d, Operand<TFloat32> lr) {
      TangentProjection.ProjectedStep projected = tangent.projectStep(members.of(before), members.of(d), lr); // line 9
      TangentProjection.TakenStep taken = projected.take(); // line 10
      List<LinearMove> onSphere = taken.rescaleTo(tf.identity(targetNorms)); // line 11
      return members.replace(Collections.nCopies(before.size(), LinearMove.step(lr)), onSphere);
    }
  }

  private Op buildSwitch(String attenuatedGroup, float alpha) {
    List<Op> attenuation = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (alpha != 1f && groups.get(g).name().equals(attenuatedGroup)) {
        for (TrainableVariable v : groups.get(g).members()) {
          attenuation.add(tf.assign(v.variable(), tf.math.mul(tf.constant(alpha), tf.identity(v.variable()))));
        }
      }
    }
    Ops after = tf.withControlDependencies(attenuation);
    Operand<TFloat32> norms = after.math.sqrt(projection.squaredNorms(after, read(after)));
    // The base optimizer's state (m, v, its step count) carries over: see continueStateOps().
    List<Op> captured = new ArrayList<>(base.continueStateOps());
    captured.add(after.assign(targetNorms, norms));
    captured.add(after.assign(active, after.dtypes.cast(after.math.greater(norms, after.constant(MIN_NORM)), TFloat32.class)));
    captured.add(after.assign(phase, after.constant(CONSTRAINED)));
    return tf.withControlDependencies(captured).noOp();
  }

  /** The members' current values (read through identities: never Square a ref variable). */
  private List<Operand<TFloat32>> read(Ops ops) {
    List<Operand<TFloat32>> values = new ArrayList<>();
    for (Variable<TFloat32> v : members.variables()) {
      values.add(ops.identity(v));
    }
    return values;
  }

  private static boolean useFusedKernels(KernelChoice choice, BaseOptimizer base, GroupMembers members) {
    if (!base.transformWrites()) {
      if (choice == KernelChoice.FUSED) {
        throw new IllegalStateException("fused LAWN kernels write the step themselves, but " + base.name()
            + " applies its own (use KernelChoice.GRAPH_OPS; lawn train: -D" + KernelChoice.PROPERTY + "=graph)");
      }
      return false;
    }
    return choice.fused(members.largestGroup());
  }

  /** Configures and builds a {@link Lawn}. */
  public static final class Builder {
    private final BaseOptimizer base;
    private GroupSelector selector = GroupSelector.perLayer();
    private List<ParameterGroup> explicitGroups;
    private String attenuatedGroup;
    private float alpha = 1f;
    private KernelChoice kernels = KernelChoice.AUTO;

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
     * How the constrained step is computed (default {@link KernelChoice#AUTO}: the fused CPU kernels
     * where they load, graph ops elsewhere). The library reads no system property; the command line
     * maps {@code -Dlawn.kernels} onto this.
     */
    public Builder kernels(KernelChoice choice) {
      this.kernels = Objects.requireNonNull(choice, "choice");
      return this;
    }

    /**
     * Builds the three ops in {@code tf}'s graph.
     *
     * @param gradients one per base variable, in {@link BaseOptimizer#variables()} order
     */
    public Lawn build(Ops tf, List<Operand<TFloat32>> gradients) {
      List<ParameterGroup> groups = explicitGroups != null ? explicitGroups : selector.select(base.variables());
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("LAWN has no group to constrain among " + base.variables().size()
            + " variables (selector: " + selector + ")");
      }
      if (attenuatedGroup != null && groups.stream().noneMatch(g -> g.name().equals(attenuatedGroup))) {
        throw new IllegalArgumentException("attenuated group '" + attenuatedGroup + "' is not a constrained group; groups: "
            + groups.stream().map(ParameterGroup::name).toList());
      }
      return new Lawn(tf, base, groups, gradients, attenuatedGroup, alpha, kernels);
    }
  }
}
