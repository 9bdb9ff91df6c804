package dev.lawn.ops.transform;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gradient clipping by global norm, as optax's {@code clip_by_global_norm} and Keras'
 * {@code global_clipnorm}: every update is multiplied by {@code min(1, maxNorm / ||g||)}, where
 * {@code ||g||} is the norm of all the updates this stage receives taken as one vector. The direction
 * is kept; only a step whose gradient is longer than {@code maxNorm} is shortened. Stateless. Written
 * as {@code maxNorm / max(||g||, maxNorm)}, which is the same factor and divides by at least
 * {@code maxNorm}, so a zero gradient gives factor 1 and no NaN.
 *
 * <p>{@link dev.lawn.ops.optim.OptimizerSpec} puts it first in the chain, on the loss gradient
 * before any weight decay is added (as PyTorch's {@code clip_grad_norm_} before {@code step()}).
 *
 * <p><b>Under LAWN</b> the constrained step hands the chain the gradient already projected onto each
 * group's tangent space (Algorithm 1, line 4: {@code <w_l, g_p> = 0} for every constrained group
 * {@code l}). Clipping multiplies all of it by one scalar {@code s >= 0}, and
 * {@code <w_l, s g_p> = s <w_l, g_p> = 0}: the clipped gradient is still tangent, so the base
 * optimizer's state and LAWN's geometry see a tangent vector as without clipping. The norm compared
 * with {@code maxNorm} is then that of the projected gradient (what the base optimizer receives),
 * which is at most the raw gradient's.
 *
 * @param maxNorm the largest global norm let through, finite and &gt; 0
 */
public record ClipByGlobalNorm(float maxNorm) implements GradientTransform {

  public ClipByGlobalNorm {
    if (!(maxNorm > 0) || Float.isInfinite(maxNorm)) {
      throw new IllegalArgumentException("clip norm must be finite and > 0, got " + maxNorm);
    }
  }

  @Override
  public String name() {
    return "clip_by_global_norm(" + maxNorm + ")";
  }

  @Override
  public Stage init(Ops tf, List<TrainableVariable> params) {
    return (ops, updates, values, count) -> {
      Operand<TFloat32> limit = ops.constant(maxNorm);
      Operand<TFloat32> factor = ops.math.div(limit, ops.math.maximum(globalNorm(ops, updates), limit));
      List<Operand<TFloat32>> out = new ArrayList<>(updates.size());
      for (Operand<TFloat32> u : updates) {
        out.add(ops.math.mul(factor, u));
      }
      return Updates.stateless(out);
    };
  }

  /**
   * {@code sqrt(sum_i ||x_i||^2)} over all of {@code xs} (a float scalar); {@code L2Loss} is one op per
   * tensor that reads it once.
   */
  public static Operand<TFloat32> globalNorm(Ops ops, List<Operand<TFloat32>> xs) {
    if (xs.isEmpty()) {
      throw new IllegalArgumentException("the global norm of no tensors");
    }
    List<Operand<TFloat32>> halves = new ArrayList<>(xs.size());
    for (Operand<TFloat32> x : xs) {
      halves.add(ops.nn.l2Loss(x));
    }
    Operand<TFloat32> half = halves.size() == 1 ? halves.get(0) : ops.math.addN(halves);
    return ops.math.sqrt(ops.math.mul(ops.constant(2f), half));
  }
}
