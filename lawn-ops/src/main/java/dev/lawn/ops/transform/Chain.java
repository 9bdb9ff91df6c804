package dev.lawn.ops.transform;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/** Applies stages one after another, like optax's {@code chain}. */
public record Chain(List<GradientTransform> stages) implements GradientTransform {

  public Chain {
    stages = List.copyOf(stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one stage");
    }
  }

  /** Convenience factory. */
  public static Chain of(GradientTransform... stages) {
    return new Chain(List.of(stages));
  }

  @Override
  public String name() {
    return stages.stream().map(GradientTransform::name).collect(Collectors.joining(" -> "));
  }

  @Override
  public Stage init(Ops tf, List<TrainableVariable> params) {
    List<Stage> bound = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      bound.add(stages.get(i).init(tf.withSubScope("stage" + i), params));
    }
    return (ops, updates, values, count) -> {
      List<Op> stateUpdates = new ArrayList<>();
      var current = updates;
      for (Stage stage : bound) {
        Updates out = stage.update(ops, current, values, count);
        current = out.values();
        stateUpdates.addAll(out.stateUpdates());
      }
      return new Updates(current, stateUpdates);
    };
  }
}
