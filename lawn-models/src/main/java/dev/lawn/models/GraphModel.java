package dev.lawn.models;

import dev.lawn.models.layers.LayerContext;
import dev.lawn.models.layers.LayerSummary;
import dev.lawn.ops.TrainableVariable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** An immutable {@link Model}: what a {@link ModelBuilder} produces. */
public final class GraphModel implements Model {

  private final String name;
  private final Map<String, Operand<?>> inputs;
  private final Operand<TFloat32> logits;
  private final Operand<TBool> training;
  private final List<TrainableVariable> trainableVariables;
  private final List<Variable<TFloat32>> nonTrainableVariables;
  private final List<Op> updateOps;
  private final List<LayerSummary> layers;
  private String summary;

  GraphModel(String name, Map<String, Operand<?>> inputs, Operand<TFloat32> logits, LayerContext context) {
    this.name = Objects.requireNonNull(name, "name");
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    this.logits = Objects.requireNonNull(logits, "logits");
    this.training = context.training();
    this.trainableVariables = List.copyOf(context.trainableVariables());
    this.nonTrainableVariables = List.copyOf(context.nonTrainableVariables());
    this.updateOps = List.copyOf(context.updateOps());
    this.layers = List.copyOf(context.summaries());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, Operand<?>> inputs() {
    return inputs;
  }

  @Override
  public Operand<TFloat32> logits() {
    return logits;
  }

  @Override
  public Operand<TBool> training() {
    return training;
  }

  @Override
  public List<TrainableVariable> trainableVariables() {
    return trainableVariables;
  }

  /** Non-trainable state (batch-norm moving statistics); saved in checkpoints but not trained. */
  public List<Variable<TFloat32>> nonTrainableVariables() {
    return nonTrainableVariables;
  }

  @Override
  public List<Op> updateOps() {
    return updateOps;
  }

  /** One row per layer, in build order. */
  public List<LayerSummary> layers() {
    return layers;
  }

  @Override
  public synchronized String summary() {
    if (summary == null) {
      summary = ModelSummary.format(this);
    }
    return summary;
  }

  @Override
  public long parameterCount() {
    return trainableVariables.stream().mapToLong(TrainableVariable::size).sum();
  }

  /** Number of non-trainable scalars (batch-norm moving statistics). */
  public long nonTrainableParameterCount() {
    return nonTrainableVariables.stream().mapToLong(v -> v.shape().size()).sum();
  }

  @Override
  public String toString() {
    return "GraphModel[" + name + ", " + parameterCount() + " parameters]";
  }
}
