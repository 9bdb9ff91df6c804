package dev.lawn.ops.transform;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adds {@code rate * w} to the updates of the parameters the mask selects. Placed before Adam it is
 * coupled L2 regularization; placed after it, decoupled weight decay (AdamW, LAMB).
 *
 * @param rate the decay, &gt;= 0
 * @param mask which parameters decay (e.g. {@code v -> !v.role().isBiasOrNorm()})
 */
public record AddDecayedWeights(float rate, Predicate<TrainableVariable> mask) implements GradientTransform {

  public AddDecayedWeights {
    if (!(rate >= 0) || Float.isInfinite(rate)) {
      throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + rate);
    }
  }

  @Override
  public String name() {
    return "decay(" + rate + ")";
  }

  @Override
  public Stage init(Ops tf, List<TrainableVariable> params) {
    boolean[] decays = new boolean[params.size()];
    for (int i = 0; i < decays.length; i++) {
      decays[i] = rate > 0 && mask.test(params.get(i));
    }
    return (ops, updates, values, count) -> {
      List<Operand<TFloat32>> out = new ArrayList<>(updates.size());
      for (int i = 0; i < updates.size(); i++) {
        out.add(decays[i] ? ops.math.add(updates.get(i), ops.math.mul(ops.constant(rate), values.get(i))) : updates.get(i));
      }
      return Updates.stateless(out);
    };
  }
}
