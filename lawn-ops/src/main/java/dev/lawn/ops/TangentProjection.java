package dev.lawn.ops;

import dev.lawn.ops.optim.LinearMove;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The geometry of LAWN's constrained step in graph ops, for parameter groups
 * {@code w_l = concat(members)}: inner products per group, the tangent projection
 * {@code v - (<w,v>/<w,w>) w} onto the sphere {@code ||w_l|| = c_l}, and the step that lands back on
 * it. {@code Lawn} builds Algorithm 1 from these pieces.
 *
 * <p>Per-group scalars live in vectors with one entry per group, so the arithmetic costs a handful
 * of ops whatever the number of groups. Every division is guarded ({@code max(., EPS)}) and
 * multiplied by the group's {@code active} flag (1 for a constrained group, 0 for one that stays
 * free because its norm was zero at the switch), so no NaN can come out of a zero-norm group.
 */
public final class TangentProjection {

  /** Floor for squared norms in divisions. */
  public static final float EPS = 1e-30f;

  private final Ops tf;
  private final GroupIndex index;
  private final Operand<TFloat32> eps;
  private final Operand<TFloat32> one;
  private final Operand<TFloat32> two;
  private final Operand<TFloat32> half;
  private final Map<Integer, Operand<TInt32>> axesByRank = new HashMap<>();

  /**
   * @param groupOfMember the group of each member, members listed group by group
   * @param groups the number of groups
   */
  public TangentProjection(Ops tf, int[] groupOfMember, int groups) {
    this.tf = tf;
    this.index = new GroupIndex(tf, groupOfMember, groups);
    this.eps = tf.constant(EPS);
    this.one = tf.constant(1f);
    this.two = tf.constant(2f);
    this.half = tf.constant(0.5f);
  }

  /**
   * {@code <w,w>} per group ({@code [groups]}). {@code L2Loss} ({@code sum(w^2)/2}) is one op that
   * reads {@code w} once, where {@code Mul} + {@code Sum} are two and materialize {@code w*w}.
   */
  public Operand<TFloat32> squaredNorms(Ops ops, List<Operand<TFloat32>> w) {
    List<Operand<TFloat32>> halves = new ArrayList<>(w.size());
    for (Operand<TFloat32> x : w) {
      halves.add(ops.nn.l2Loss(x));
    }
    return ops.math.mul(two, index.perGroup(ops, halves));
  }

  /** {@code <a,b>} per group ({@code [groups]}), from one partial sum per member. */
  public Operand<TFloat32> dots(Ops ops, List<Operand<TFloat32>> a, List<Operand<TFloat32>> b) {
    List<Operand<TFloat32>> partials = new ArrayList<>(a.size());
    for (int m = 0; m < a.size(); m++) {
      partials.add(sumAllShared(ops, ops.math.mul(a.get(m), b.get(m))));
    }
    return index.perGroup(ops, partials);
  }

  /** {@code ||w_l||} per group as scalars, in group order. */
  public List<Operand<TFloat32>> norms(Ops ops, List<Operand<TFloat32>> w) {
    return index.perGroupScalars(ops, ops.math.sqrt(squaredNorms(ops, w)));
  }

  /**
   * The tangent spaces at {@code w} (one value per member, read before the step), with the
   * per-group scalars every projection there shares.
   *
   * @param active 1 per constrained group, 0 per free one ({@code [groups]})
   */
  public Tangent at(List<Operand<TFloat32>> w, Operand<TFloat32> active) {
    return new Tangent(w, active);
  }

  /** The tangent spaces at one point {@code w}. */
  public final class Tangent {
    private final List<Operand<TFloat32>> w;
    private final Operand<TFloat32> ww;
    private final Operand<TFloat32> activeOverWw;
    private final Operand<TBool> isActive;

    private Tangent(List<Operand<TFloat32>> w, Operand<TFloat32> active) {
      this.w = List.copyOf(w);
      this.ww = squaredNorms(tf, w);
      this.activeOverWw = tf.math.div(active, tf.math.maximum(ww, eps)); // 0 for a free group
      this.isActive = tf.math.greater(active, half);
    }

    /** {@code v - (<w,v>/<w,w>) w} per member; {@code v} unchanged in a free group. */
    public List<Operand<TFloat32>> project(List<Operand<TFloat32>> v) {
      List<Operand<TFloat32>> coefs = index.perMember(tf, tf.math.mul(dots(tf, w, v), activeOverWw));
      List<Operand<TFloat32>> out = new ArrayList<>(v.size());
      for (int m = 0; m < v.size(); m++) {
        out.add(tf.math.sub(v.get(m), tf.math.mul(coefs.get(m), w.get(m))));
      }
      return out;
    }

    /**
     * The step {@code s = -rate d} projected onto the tangent space: {@code s - k w} with
     * {@code k = <w,s>/<w,w>} (0 for a free group). Nothing is materialized: the projected step
     * is taken and rescaled as one {@link LinearMove} ({@link TakenStep#rescaleTo}).
     *
     * @param w this point's values read again for the step: an optimizer that writes in place
     *     hands over a snapshot, since earlier reads of a ref variable alias its buffer
     */
    public ProjectedStep projectStep(List<Operand<TFloat32>> w, List<Operand<TFloat32>> d, Operand<TFloat32> rate) {
      return new ProjectedStep(this, w, d, rate);
    }
  }

  /** A step {@code s = -rate d} projected onto a {@link Tangent}: {@code s - k w}. */
  public final class ProjectedStep {
    private final Tangent at;
    private final Operand<TFloat32> rate;
    private final Operand<TFloat32> step;
    private final Operand<TFloat32> k;
    private final Operand<TFloat32> wd;
    private final Operand<TFloat32> ss;

    private ProjectedStep(Tangent at, List<Operand<TFloat32>> w, List<Operand<TFloat32>> d, Operand<TFloat32> rate) {
      this.at = at;
      this.rate = rate;
      this.step = tf.math.neg(rate);
      // Independent of <w,d>: ready before that reduction finishes.
      Operand<TFloat32> stepOverWw = tf.math.mul(step, at.activeOverWw);
      this.ss = tf.math.mul(tf.math.mul(rate, rate), squaredNorms(tf, d));
      this.wd = dots(tf, w, d);
      this.k = tf.math.mul(wd, stepOverWw);
    }

    /**
     * Takes the projected step, {@code w + s - k w = (1-k) w - rate d}, symbolically: its squared
     * norm per group, {@code <w,w> + <s,s> - k <w,s>}, comes from pre-step scalars, so nothing reads
     * the weights back; the write happens in {@link TakenStep#rescaleTo}'s move.
     */
    public TakenStep take() {
      Operand<TFloat32> wwPlusSs = tf.math.add(at.ww, ss);
      return new TakenStep(this, tf.math.sub(wwPlusSs, tf.math.mul(k, tf.math.mul(step, wd))));
    }
  }

  /** {@code (1-k) w - rate d}, the point a {@link ProjectedStep} reaches, and its squared norm per group. */
  public final class TakenStep {
    private final ProjectedStep step;
    private final Operand<TFloat32> squaredNorm;

    private TakenStep(ProjectedStep step, Operand<TFloat32> squaredNorm) {
      this.step = step;
      this.squaredNorm = squaredNorm;
    }

    /** {@code ||(1-k) w - rate d||^2} per group. */
    public Operand<TFloat32> squaredNorm() {
      return squaredNorm;
    }

    /**
     * Rescales each active group onto {@code ||w_l|| = c_l}: {@code w' = f (1-k) w - f rate d} with
     * {@code f = c / ||(1-k) w - rate d||} (1 for a free group). The step and the rescale are one
     * {@link LinearMove} per member, which the optimizer writes in place.
     *
     * @param target {@code c}, one entry per group
     */
    public List<LinearMove> rescaleTo(Operand<TFloat32> target) {
      Operand<TFloat32> invTargetSq = tf.math.reciprocal(tf.math.maximum(tf.math.square(target), eps));
      Operand<TFloat32> factor = tf.select(step.at.isActive, tf.math.rsqrt(tf.math.mul(squaredNorm, invTargetSq)), one);
      List<Operand<TFloat32>> decay = index.perMember(tf, tf.math.sub(one, tf.math.mul(factor, tf.math.sub(one, step.k))));
      List<Operand<TFloat32>> scaledRate = index.perMember(tf, tf.math.mul(factor, step.rate));
      List<LinearMove> moves = new ArrayList<>(decay.size());
      for (int m = 0; m < decay.size(); m++) {
        moves.add(new LinearMove(decay.get(m), scaledRate.get(m)));
      }
      return moves;
    }
  }

  /** {@code <a,b>} summed over the group's members, as a scalar. */
  public static Operand<TFloat32> dot(Ops tf, List<Operand<TFloat32>> a, List<Operand<TFloat32>> b) {
    List<Operand<TFloat32>> parts = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      parts.add(sumAll(tf, tf.math.mul(a.get(i), b.get(i))));
    }
    return parts.size() == 1 ? parts.get(0) : tf.math.addN(parts);
  }

  /** Sum of all elements of {@code x}, any rank (one op when the rank is known statically). */
  public static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> x) {
    int rank = x.shape().numDimensions();
    if (rank < 0) {
      return tf.reduceSum(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
    }
    return tf.reduceSum(x, tf.constant(IntStream.range(0, rank).toArray()));
  }

  /** {@link #sumAll} with one shared axes constant per rank (constants are graph ops too). */
  private Operand<TFloat32> sumAllShared(Ops ops, Operand<TFloat32> x) {
    int rank = x.shape().numDimensions();
    if (rank < 0) {
      return sumAll(ops, x);
    }
    return ops.reduceSum(x, axesByRank.computeIfAbsent(rank, r -> tf.constant(IntStream.range(0, r).toArray())));
  }
}
