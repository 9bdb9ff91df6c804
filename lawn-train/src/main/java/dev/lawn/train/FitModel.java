package dev.lawn.train;

import dev.lawn.data.Features;
import dev.lawn.models.Model;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * What {@link Fit} trains: a model built into a TF-Java graph, either a lawn-models {@link Model}
 * ({@link #of(Model, Operand)}) or any graph of the user's own ({@link #builder()}).
 *
 * <p>Batches feed {@link #inputs()} by feature name and {@link #label()} under {@value Features#LABEL}.
 * Every variable carries its layer and role, so that LAWN's {@link dev.lawn.ops.GroupSelector} can group
 * and choose them. The constructor checks the pieces and names what is wrong.
 *
 * @param inputs placeholders fed from each batch, by feature name
 * @param logits {@code [B]} (one binary logit, with a float 0/1 label) or {@code [B, K]} (classes, int label)
 * @param label the label the loss reads (a placeholder fed from the batch's {@code label} feature)
 * @param training a boolean flag fed {@code true} in training steps (dropout, batch norm), or null
 * @param variables the trainable variables, each once, in a stable order
 * @param updateOps ops run with every training pass (batch-norm statistics); may be empty
 * @param source the lawn-models model these pieces are from ({@link #of(Model, Operand)}), or null for a
 *     graph of the user's own; {@link Fit.Builder#replicate} needs it to build the towers
 */
public record FitModel(Map<String, Operand<?>> inputs, Operand<TFloat32> logits, Operand<? extends TType> label,
    Operand<TBool> training, List<TrainableVariable> variables, List<Op> updateOps, Model source) {

  /** A model of the user's own graph (no {@link #source()}). */
  public FitModel(Map<String, Operand<?>> inputs, Operand<TFloat32> logits, Operand<? extends TType> label,
      Operand<TBool> training, List<TrainableVariable> variables, List<Op> updateOps) {
    this(inputs, logits, label, training, variables, updateOps, null);
  }

  public FitModel {
    Objects.requireNonNull(logits, "FitModel: logits are required");
    Objects.requireNonNull(label, "FitModel: a label operand is required");
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("FitModel: no inputs; name at least one placeholder the batches feed");
    }
    if (inputs.containsKey(Features.LABEL)) {
      throw new IllegalArgumentException("FitModel: input '" + Features.LABEL + "' is reserved for the label");
    }
    if (variables == null || variables.isEmpty()) {
      throw new IllegalArgumentException("FitModel: no trainable variables; add each variable with its layer and role");
    }
    Set<String> names = new HashSet<>();
    Set<Variable<TFloat32>> seen = new HashSet<>();
    for (TrainableVariable v : variables) {
      if (!names.add(v.name())) {
        throw new IllegalArgumentException("FitModel: variable '" + v.name() + "' is listed twice");
      }
      if (!seen.add(v.variable())) {
        throw new IllegalArgumentException("FitModel: variable '" + v.name() + "' (graph op "
            + v.variable().op().name() + ") is listed twice under another name");
      }
    }
    inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    variables = List.copyOf(variables);
    updateOps = updateOps == null ? List.of() : List.copyOf(updateOps);
  }

  /** A lawn-models model with {@code label} as the placeholder of its batches' labels. */
  public static FitModel of(Model model, Operand<? extends TType> label) {
    return new FitModel(model.inputs(), model.logits(), label, model.training(), model.trainableVariables(),
        model.updateOps(), model);
  }

  /** Number of trainable scalars. */
  public long parameterCount() {
    return variables.stream().mapToLong(TrainableVariable::size).sum();
  }

  /** A starting point for a model of the user's own graph. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects a user graph's pieces; {@link #build()} checks them. */
  public static final class Builder {
    private final Map<String, Operand<?>> inputs = new LinkedHashMap<>();
    private final List<TrainableVariable> variables = new ArrayList<>();
    private final List<Op> updateOps = new ArrayList<>();
    private Operand<TFloat32> logits;
    private Operand<? extends TType> label;
    private Operand<TBool> training;

    private Builder() {}

    /** A placeholder fed from the batch's {@code feature}. */
    public Builder input(String feature, Operand<?> placeholder) {
      if (inputs.put(feature, placeholder) != null) {
        throw new IllegalArgumentException("FitModel: input '" + feature + "' is listed twice");
      }
      return this;
    }

    public Builder logits(Operand<TFloat32> logits) {
      this.logits = logits;
      return this;
    }

    /** The label placeholder, fed from the batch's {@value Features#LABEL} feature. */
    public Builder label(Operand<? extends TType> label) {
      this.label = label;
      return this;
    }

    /** A boolean placeholder fed {@code true} in training steps. */
    public Builder training(Operand<TBool> flag) {
      this.training = flag;
      return this;
    }

    /** A trainable variable named {@code name}, owned by {@code layer}, of role {@code role}. */
    public Builder variable(String name, String layer, VariableRole role, Variable<TFloat32> variable) {
      variables.add(new TrainableVariable(name, layer, role, variable));
      return this;
    }

    public Builder updateOp(Op op) {
      updateOps.add(op);
      return this;
    }

    public FitModel build() {
      return new FitModel(inputs, logits, label, training, variables, updateOps);
    }
  }
}
