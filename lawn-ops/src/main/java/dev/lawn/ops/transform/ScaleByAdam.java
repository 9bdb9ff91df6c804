package dev.lawn.ops.transform;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam's direction (Kingma &amp; Ba 2015): {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code u = (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}. Written in ops (not the fused
 * {@code ApplyAdam}) so that LAWN can project the direction before it is applied.
 *
 * @param beta1 first-moment decay, in [0, 1)
 * @param beta2 second-moment decay, in [0, 1)
 * @param epsilon denominator floor, &gt; 0
 */
public record ScaleByAdam(float beta1, float beta2, float epsilon) implements GradientTransform {

  /** Slot names, as in TF-Java's Adam. */
  public static final String FIRST_MOMENT = "m";
  public static final String SECOND_MOMENT = "v";

  public ScaleByAdam {
    if (!(beta1 >= 0 && beta1 < 1)) {
      throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
    }
    if (!(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    }
  }

  @Override
  public String name() {
    return "adam(b1=" + beta1 + ",b2=" + beta2 + ",eps=" + epsilon + ")";
  }

  @Override
  public Stage init(Ops tf, List<TrainableVariable> params) {
    List<Variable<TFloat32>> m = Slots.zeros(tf, params, FIRST_MOMENT);
    List<Variable<TFloat32>> v = Slots.zeros(tf, params, SECOND_MOMENT);
    return (ops, grads, values, count) -> {
      Operand<TFloat32> b1 = ops.constant(beta1);
      Operand<TFloat32> b2 = ops.constant(beta2);
      Operand<TFloat32> one = ops.constant(1f);
      // Bias corrections folded into one scalar step size: sqrt(1-b2^t)/(1-b1^t), with eps scaled
      // accordingly, is the textbook rewrite; we keep the literal form to match references exactly.
      Operand<TFloat32> c1 = ops.math.sub(one, ops.math.pow(b1, count));
      Operand<TFloat32> c2 = ops.math.sub(one, ops.math.pow(b2, count));
      List<Operand<TFloat32>> out = new ArrayList<>(grads.size());
      List<Op> writes = new ArrayList<>(2 * grads.size());
      for (int i = 0; i < grads.size(); i++) {
        Operand<TFloat32> g = grads.get(i);
        Operand<TFloat32> mNew = ops.math.add(ops.math.mul(b1, ops.identity(m.get(i))), ops.math.mul(ops.math.sub(one, b1), g));
        Operand<TFloat32> vNew =
            ops.math.add(ops.math.mul(b2, ops.identity(v.get(i))), ops.math.mul(ops.math.sub(one, b2), ops.math.square(g)));
        writes.add(ops.assign(m.get(i), mNew));
        writes.add(ops.assign(v.get(i), vNew));
        Operand<TFloat32> mHat = ops.math.div(mNew, c1);
        Operand<TFloat32> vHat = ops.math.div(vNew, c2);
        out.add(ops.math.div(mHat, ops.math.add(ops.math.sqrt(vHat), ops.constant(epsilon))));
      }
      return new Updates(out, writes);
    };
  }
}
