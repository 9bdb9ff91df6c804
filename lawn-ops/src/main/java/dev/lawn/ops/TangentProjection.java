package dev.lawn.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Graph-op helpers for one parameter group {@code w = concat(w_1..w_k)}: inner products across the
 * group's members, the tangent projection {@code v - (<w,v>/<w,w>) w} onto the sphere
 * {@code ||w|| = c}, and the rescale back onto it.
 *
 * <p>Every division is guarded ({@code max(., EPS)}) and multiplied by the group's {@code active}
 * flag (1 for a constrained group, 0 for one that stays free because its norm was zero at the
 * switch), so no NaN can come out of a zero-norm group.
 */
public final class TangentProjection {

  /** Floor for squared norms in divisions. */
  public static final float EPS = 1e-30f;

  private TangentProjection() {}

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
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.reduceSum(x, tf.constant(axes));
  }
}
