package dev.lawn.ops;

import dev.lawn.ops.kernels.FusedSphereOps;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.LinearMove;
import dev.lawn.ops.optim.StepTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
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
 *   <li>{@link #constrainedStep()}: project each group's gradient onto the tangent space
 *       {@code g - (<w,g>/<w,w>) w}; the base optimizer updates its state from it; its step direction
 *       is projected again; the step is taken and each group rescaled to {@code ||w_l|| = c_l}, both
 *       in one in-place move ({@link LinearMove}).
 * </ol>
 *
 * <p>Per-group scalars ({@code <w,w>}, {@code <w,g>}, {@code c_l}, ...) live in vectors with one entry
 * per group, so the arithmetic costs a handful of ops whatever the number of groups. This graph-op
 * version ({@code OnSphere}) is the reference; on CPU the same arithmetic runs by default as two
 * fused kernels per group ({@link FusedSphereOps}, chosen by {@link Builder#kernels}). A group whose
 * norm is zero at the switch stays free (its {@code active} entry is 0), and no division can produce
 * a NaN. Switching at step 0 with the initial norms is Hoffer et al.'s (2018) bounded weight
 * normalization.
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
  /** Base-variable index of each member, members listed group by group. */
  private final int[] memberVariable;
  private final GroupIndex index;
  private final Variable<TFloat32> targetNorms;
  private final Variable<TFloat32> active;
  private final Variable<TInt32> phase;
  private final Operand<TFloat32> eps;
  private final Operand<TFloat32> one;
  private final Operand<TFloat32> two;
  private final Operand<TFloat32> half;
  private final Op freeStep;
  private final Op switchOp;
  private final Op constrainedStep;
  private final List<Operand<TFloat32>> groupNorms;
  private List<Operand<TFloat32>> projectedGradients;
  private final Map<Integer, Operand<TInt32>> axesByRank = new HashMap<>();
  /** Whether the constrained step uses {@link FusedSphereOps} instead of graph ops. */
  private final boolean fused;

  private Lawn(Ops tf, BaseOptimizer base, List<ParameterGroup> groups, List<Operand<TFloat32>> gradients,
      String attenuatedGroup, float alpha, KernelChoice kernels) {
    this.tf = tf.withSubScope("lawn");
    this.fused = useFusedKernels(kernels, base, groups);
    this.base = base;
    this.groups = List.copyOf(groups);
    int[] groupOfMember = indexMembers(base.variables(), groups);
    this.memberVariable = memberVariables(base.variables(), groups);
    this.index = new GroupIndex(this.tf, groupOfMember, groups.size());
    this.eps = this.tf.constant(TangentProjection.EPS);
    this.one = this.tf.constant(1f);
    this.two = this.tf.constant(2f);
    this.half = this.tf.constant(0.5f);
    Ops init = this.tf.withInitScope();
    Operand<TFloat32> zeros = init.zeros(init.constant(new int[] {groups.size()}), TFloat32.class);
    this.targetNorms = this.tf.withName("target_norms").variable(zeros);
    this.active = this.tf.withName("active").variable(zeros);
    this.phase = this.tf.withName("phase").variable(init.constant(FREE));
    this.freeStep = base.step(gradients, StepTransform.IDENTITY);
    this.constrainedStep = buildConstrainedStep(gradients);
    this.switchOp = buildSwitch(attenuatedGroup, alpha);
    this.groupNorms = index.perGroupScalars(this.tf, this.tf.math.sqrt(squaredNorms(this.tf, read(this.tf))));
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
    return base.step(gradients, fused ? new OnSphereFused() : new OnSphere());
  }

  /**
   * Algorithm 1's constrained step as a {@link StepTransform}: the base optimizer hands over its own
   * reads of {@code w_{t-1}} (a fused optimizer updates variables in place, so only its pre-step view
   * is safe), first for the gradients, then for the step. Per-group values that do not depend on the
   * step direction are computed in the first call, off the step's critical path: on small models
   * the chain of tiny ops between the two reductions, not the arithmetic, is what LAWN costs.
   */
  private final class OnSphere implements StepTransform {
    private Operand<TFloat32> ww;
    private Operand<TFloat32> activeOverWw;
    private Operand<TBool> isActive;

    /** Line 4: {@code g <- g - (<w,g>/<w,w>) w}. */
    @Override
    public List<Operand<TFloat32>> gradients(List<Operand<TFloat32>> before, List<Operand<TFloat32>> gradients) {
      List<Operand<TFloat32>> w = members(before);
      List<Operand<TFloat32>> g = members(gradients);
      Operand<TFloat32> a = tf.identity(active);
      ww = squaredNorms(tf, w);
      activeOverWw = tf.math.div(a, tf.math.maximum(ww, eps)); // 0 for a free group
      isActive = tf.math.greater(a, half);
      List<Operand<TFloat32>> coefs = index.perMember(tf, tf.math.mul(dots(tf, w, g), activeOverWw));
      projectedGradients = new ArrayList<>(gradients);
      for (int m = 0; m < memberVariable.length; m++) {
        projectedGradients.set(memberVariable[m], tf.math.sub(g.get(m), tf.math.mul(coefs.get(m), w.get(m))));
      }
      return projectedGradients;
    }

    /**
     * Lines 9-11: project the step {@code s = -rate d}, take it, rescale onto {@code ||w|| = c}. With
     * {@code k = <w,s>/<w,w>}, {@code ||(1-k) w + s||^2 = <w,w> + <s,s> - k <w,s>} comes from pre-step
     * scalars, so {@code w' = f (1-k) w + f s} with {@code f = c / ||(1-k) w + s||} is a
     * {@link LinearMove}: the optimizer writes it in place and nothing reads the weights back.
     */
    @Override
    public List<LinearMove> apply(
        List<Operand<TFloat32>> before, List<Operand<TFloat32>> directions, Operand<TFloat32> rate) {
      List<Operand<TFloat32>> w = members(before);
      List<Operand<TFloat32>> d = members(directions);
      // Independent of <w,d>: ready before the reduction finishes.
      Operand<TFloat32> step = tf.math.neg(rate);
      Operand<TFloat32> stepOverWw = tf.math.mul(step, activeOverWw);
      Operand<TFloat32> wwPlusSs = tf.math.add(ww, tf.math.mul(tf.math.mul(rate, rate), squaredNorms(tf, d)));
      Operand<TFloat32> invTargetSq = tf.math.reciprocal(tf.math.maximum(tf.math.square(tf.identity(targetNorms)), eps));
      // The chain after <w,d>.
      Operand<TFloat32> wd = dots(tf, w, d);
      Operand<TFloat32> k = tf.math.mul(wd, stepOverWw); // 0 for a free group
      Operand<TFloat32> normSq = tf.math.sub(wwPlusSs, tf.math.mul(k, tf.math.mul(step, wd)));
      Operand<TFloat32> factor = tf.select(isActive, tf.math.rsqrt(tf.math.mul(normSq, invTargetSq)), one);
      List<Operand<TFloat32>> decay = index.perMember(tf, tf.math.sub(one, tf.math.mul(factor, tf.math.sub(one, k))));
      List<Operand<TFloat32>> scaledRate = index.perMember(tf, tf.math.mul(factor, rate));
      List<LinearMove> moves = new ArrayList<>(Collections.nCopies(before.size(), LinearMove.step(rate)));
      for (int m = 0; m < memberVariable.length; m++) {
        moves.set(memberVariable[m], new LinearMove(decay.get(m), scaledRate.get(m)));
      }
      return moves;
    }
  }

  /**
   * {@link OnSphere}'s arithmetic in two native kernels per group ({@link FusedSphereOps}): one for
   * line 4, one that takes the projected step and rescales in place. Groups do not wait for each
   * other, and no per-group scalar ops run between the kernels.
   */
  private final class OnSphereFused implements StepTransform {
    private final List<Operand<TFloat32>> squaredNorms = new ArrayList<>();
    private Operand<TFloat32> a;

    @Override
    public List<Operand<TFloat32>> gradients(List<Operand<TFloat32>> before, List<Operand<TFloat32>> gradients) {
      a = tf.identity(active); // one read of the flags for both kernels
      projectedGradients = new ArrayList<>(gradients);
      for (int g = 0; g < groups.size(); g++) {
        int[] vars = groupVariables(g);
        FusedSphereOps.TangentGradients out = FusedSphereOps.tangentGradients(tf, g, pick(before, vars), pick(gradients, vars), a);
        for (int k = 0; k < vars.length; k++) {
          projectedGradients.set(vars[k], out.projected().get(k));
        }
        squaredNorms.add(out.squaredNorm());
      }
      return projectedGradients;
    }

    @Override
    public List<LinearMove> apply(List<Operand<TFloat32>> before, List<Operand<TFloat32>> directions, Operand<TFloat32> rate) {
      throw new UnsupportedOperationException("the fused kernels write in place; use write(), or graph-op kernels");
    }

    /** One {@code LawnSphereStep} per group; variables outside every group take the plain step. */
    @Override
    public List<Op> write(Ops ops, List<Variable<TFloat32>> variables, List<Operand<TFloat32>> before,
        List<Operand<TFloat32>> directions, Operand<TFloat32> rate) {
      Operand<TFloat32> c = tf.identity(targetNorms);
      List<Op> writes = new ArrayList<>();
      boolean[] inGroup = new boolean[variables.size()];
      for (int g = 0; g < groups.size(); g++) {
        int[] vars = groupVariables(g);
        List<Variable<TFloat32>> members = new ArrayList<>(vars.length);
        for (int v : vars) {
          members.add(variables.get(v));
          inGroup[v] = true;
        }
        writes.add(FusedSphereOps.sphereStep(ops, g, members, pick(directions, vars), squaredNorms.get(g), rate, c, a));
      }
      for (int v = 0; v < variables.size(); v++) {
        if (!inGroup[v]) {
          writes.add(ops.train.applyGradientDescent(variables.get(v), rate, directions.get(v)));
        }
      }
      return writes;
    }

  }

  private Op buildSwitch(String attenuatedGroup, float alpha) {
    List<Op> attenuation = new ArrayList<>();
    for (int g = 0, m = 0; g < groups.size(); g++) {
      for (int k = 0; k < groups.get(g).members().size(); k++, m++) {
        if (alpha != 1f && groups.get(g).name().equals(attenuatedGroup)) {
          Variable<TFloat32> v = variable(m);
          attenuation.add(tf.assign(v, tf.math.mul(tf.constant(alpha), tf.identity(v))));
        }
      }
    }
    Ops after = tf.withControlDependencies(attenuation);
    Operand<TFloat32> norms = after.math.sqrt(squaredNorms(after, read(after)));
    List<Op> captured = new ArrayList<>(base.continueStateOps());
    captured.add(after.assign(targetNorms, norms));
    captured.add(after.assign(active, after.dtypes.cast(after.math.greater(norms, after.constant(MIN_NORM)), TFloat32.class)));
    captured.add(after.assign(phase, after.constant(CONSTRAINED)));
    return tf.withControlDependencies(captured).noOp();
  }

  /**
   * {@code <w,w>} per group. {@code L2Loss} ({@code sum(w^2)/2}) is one op that reads {@code w}
   * once, where {@code Mul} + {@code Sum} are two and materialize {@code w*w}.
   */
  private Operand<TFloat32> squaredNorms(Ops ops, List<Operand<TFloat32>> w) {
    List<Operand<TFloat32>> halves = new ArrayList<>(w.size());
    for (Operand<TFloat32> x : w) {
      halves.add(ops.nn.l2Loss(x));
    }
    return ops.math.mul(two, index.perGroup(ops, halves));
  }

  /** {@code <a,b>} per group, from one partial sum per member. */
  private Operand<TFloat32> dots(Ops ops, List<Operand<TFloat32>> a, List<Operand<TFloat32>> b) {
    List<Operand<TFloat32>> partials = new ArrayList<>(a.size());
    for (int m = 0; m < a.size(); m++) {
      partials.add(sumAll(ops, ops.math.mul(a.get(m), b.get(m))));
    }
    return index.perGroup(ops, partials);
  }

  /** Sum of all elements, with one shared axes constant per rank (constants are graph ops too). */
  private Operand<TFloat32> sumAll(Ops ops, Operand<TFloat32> x) {
    int rank = x.shape().numDimensions();
    if (rank < 0) {
      return TangentProjection.sumAll(ops, x);
    }
    return ops.reduceSum(x, axesByRank.computeIfAbsent(rank, r -> tf.constant(java.util.stream.IntStream.range(0, r).toArray())));
  }

  /** The members' current values (read through identities: never Square a ref variable). */
  private List<Operand<TFloat32>> read(Ops ops) {
    List<Operand<TFloat32>> values = new ArrayList<>(memberVariable.length);
    for (int m = 0; m < memberVariable.length; m++) {
      values.add(ops.identity(variable(m)));
    }
    return values;
  }

  /** Picks the members' entries, in member order, from a per-base-variable list. */
  private List<Operand<TFloat32>> members(List<Operand<TFloat32>> perVariable) {
    return pick(perVariable, memberVariable);
  }

  /** The entries {@code vars} of a per-base-variable list, in that order. */
  private static List<Operand<TFloat32>> pick(List<Operand<TFloat32>> perVariable, int[] vars) {
    List<Operand<TFloat32>> out = new ArrayList<>(vars.length);
    for (int v : vars) {
      out.add(perVariable.get(v));
    }
    return out;
  }

  /** Base-variable indices of group {@code g}'s members. */
  private int[] groupVariables(int g) {
    int first = 0;
    for (int k = 0; k < g; k++) {
      first += groups.get(k).members().size();
    }
    return Arrays.copyOfRange(memberVariable, first, first + groups.get(g).members().size());
  }

  private Variable<TFloat32> variable(int member) {
    return base.variables().get(memberVariable[member]).variable();
  }

  private static boolean useFusedKernels(KernelChoice choice, BaseOptimizer base, List<ParameterGroup> groups) {
    if (!base.transformWrites()) {
      if (choice == KernelChoice.FUSED) {
        throw new IllegalStateException("fused LAWN kernels write the step themselves, but " + base.name()
            + " applies its own (use graph ops: -D" + KernelChoice.PROPERTY + "=graph)");
      }
      return false;
    }
    return choice.fused(groups.stream().mapToInt(g -> g.members().size()).max().orElse(0));
  }

  private static int[] memberVariables(List<TrainableVariable> variables, List<ParameterGroup> groups) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < variables.size(); i++) {
      position.put(variables.get(i).name(), i);
    }
    return groups.stream().flatMap(g -> g.members().stream()).mapToInt(v -> position.get(v.name())).toArray();
  }

  /** Checks the groups against the base's variables; returns the group of each member. */
  private static int[] indexMembers(List<TrainableVariable> variables, List<ParameterGroup> groups) {
    Map<String, Integer> known = new HashMap<>();
    for (int i = 0; i < variables.size(); i++) {
      known.put(variables.get(i).name(), i);
    }
    Map<String, String> owner = new HashMap<>();
    List<Integer> groupOfMember = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      for (TrainableVariable v : groups.get(g).members()) {
        if (!known.containsKey(v.name())) {
          throw new IllegalArgumentException("group '" + groups.get(g).name() + "' holds '" + v.name()
              + "', which the base optimizer does not train");
        }
        String previous = owner.put(v.name(), groups.get(g).name());
        if (previous != null) {
          throw new IllegalArgumentException("variable '" + v.name() + "' is in two groups: '" + previous
              + "' and '" + groups.get(g).name() + "'");
        }
        groupOfMember.add(g);
      }
    }
    return groupOfMember.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Configures and builds a {@link Lawn}. */
  public static final class Builder {
    private final BaseOptimizer base;
    private GroupSelector selector = GroupSelector.perLayer();
    private List<ParameterGroup> explicitGroups;
    private String attenuatedGroup;
    private float alpha = 1f;
    private KernelChoice kernels = KernelChoice.fromSystemProperty();

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
     * How the constrained step is computed (default: the system property {@code lawn.kernels}, else
     * {@link KernelChoice#AUTO}: the fused CPU kernels where they load, graph ops elsewhere).
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
