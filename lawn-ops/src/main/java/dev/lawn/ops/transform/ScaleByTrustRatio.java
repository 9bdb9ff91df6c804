package dev.lawn.ops.transform;

import dev.lawn.ops.TangentProjection;
import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * LAMB's layer-wise trust ratio (You et al. 2020): scales each selected parameter's update by
 * {@code ||w|| / ||u||}, and by 1 where either norm is zero (a fresh zero bias must still move).
 *
 * @param mask which parameters adapt; LAMB leaves biases and normalization parameters at ratio 1
 */
public record ScaleByTrustRatio(Predicate<TrainableVariable> mask) implements GradientTransform {

  @Override
  public String name() {
    return "trust_ratio";
  }

  @Override
  public Stage init(Ops tf, List<TrainableVariable> params) {
    boolean[] adapts = new boolean[params.size()];
    for (int i = 0; i < adapts.length; i++) {
      adapts[i] = mask.test(params.get(i));
    }
    return (ops, updates, values, count) -> {
      List<Operand<TFloat32>> out = new ArrayList<>(updates.size());
      Operand<TFloat32> zero = ops.constant(0f);
      for (int i = 0; i < updates.size(); i++) {
        Operand<TFloat32> u = updates.get(i);
        if (!adapts[i]) {
          out.add(u);
          continue;
        }
        Operand<TFloat32> wNorm = ops.math.sqrt(TangentProjection.sumAll(ops, ops.math.square(values.get(i))));
        Operand<TFloat32> uNorm = ops.math.sqrt(TangentProjection.sumAll(ops, ops.math.square(u)));
        Operand<TFloat32> ratio = ops.select(
            ops.math.logicalAnd(ops.math.greater(wNorm, zero), ops.math.greater(uNorm, zero)),
            ops.math.div(wNorm, ops.math.maximum(uNorm, ops.constant(TangentProjection.EPS))),
            ops.constant(1f));
        out.add(ops.math.mul(ratio, u));
      }
      return Updates.stateless(out);
    };
  }
}
