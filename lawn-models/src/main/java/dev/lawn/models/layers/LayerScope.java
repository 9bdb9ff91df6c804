package dev.lawn.models.layers;

import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The scope of one layer while it is built: creates its variables (tagged with the layer and a
 * role), registers update ops and records the layer's summary row.
 */
public final class LayerScope {

  private final LayerContext context;
  private final Ops tf;
  private final String path;
  private String layerName;
  private long trainableParameters;
  private long nonTrainableParameters;
  private boolean finished;

  LayerScope(LayerContext context, Ops tf, String path) {
    this.context = context;
    this.tf = tf;
    this.path = path;
  }

  /** Ops in the layer's name scope. */
  public Ops tf() {
    return tf;
  }

  /** Model-relative path of the layer (also what its seeds derive from). */
  public String path() {
    return path;
  }

  /** The model's training flag. */
  public Operand<TBool> training() {
    return context.training();
  }

  /**
   * Creates a trainable {@code VariableV2} named {@code <layer scope>/<name>} and reports it.
   *
   * @param name variable name within the layer, e.g. {@code "kernel"}
   * @param role what the variable is (drives LAWN grouping and weight-decay exclusion)
   * @param shape fully known shape
   * @param init initializer
   */
  public Variable<TFloat32> trainable(String name, VariableRole role, Shape shape, Initializer init) {
    Variable<TFloat32> variable = create(name, shape, init);
    String fullName = variable.op().name();
    int slash = fullName.lastIndexOf('/');
    String layer = slash < 0 ? fullName : fullName.substring(0, slash);
    if (layerName != null && !layerName.equals(layer)) {
      throw new IllegalStateException("variables of one layer landed in two scopes: " + layerName + ", " + layer);
    }
    layerName = layer;
    context.registry().trainable.add(new TrainableVariable(fullName, layer, role, variable));
    trainableParameters += shape.size();
    return variable;
  }

  /** Creates a non-trainable {@code VariableV2} (state such as batch-norm moving statistics). */
  public Variable<TFloat32> nonTrainable(String name, Shape shape, Initializer init) {
    Variable<TFloat32> variable = create(name, shape, init);
    context.registry().nonTrainable.add(variable);
    nonTrainableParameters += shape.size();
    return variable;
  }

  /**
   * Reads a variable as a value. Ops consume this rather than the variable itself: some kernels
   * crash the JVM when handed a ref-typed variable directly (see the TF-Java facts notes).
   */
  public Operand<TFloat32> read(Variable<TFloat32> variable) {
    return tf.identity(variable);
  }

  /** Registers an op the trainer runs with every training step. */
  public void addUpdateOp(Op op) {
    context.registry().updateOps.add(Objects.requireNonNull(op, "op"));
  }

  /** A positive 63-bit seed unique to this layer and {@code purpose} (for stateful random ops). */
  public long seed(String purpose) {
    long mixed = hash(path + "#" + purpose) ^ (context.seed() * 0x9E3779B97F4A7C15L);
    long positive = mixed & Long.MAX_VALUE;
    return positive == 0 ? 1 : positive;
  }

  /**
   * Records that {@code output} is the concatenation of {@code parts} along the last axis, so that a
   * layer reading it can use the parts instead ({@link #concatenationParts}).
   */
  public void recordConcatenation(Operand<TFloat32> output, List<Operand<TFloat32>> parts) {
    context.registry().concatenations.put(key(output), List.copyOf(parts));
  }

  /**
   * The parts of {@code input} if a layer of this model built it by concatenating them along the
   * last axis ({@link Concat}); empty otherwise.
   */
  public Optional<List<Operand<TFloat32>>> concatenationParts(Operand<TFloat32> input) {
    return Optional.ofNullable(context.registry().concatenations.get(key(input)));
  }

  private static String key(Operand<?> operand) {
    return operand.op().name() + ":" + operand.asOutput().index();
  }

  /**
   * Ends the layer: records its summary row and returns {@code output} unchanged.
   *
   * @param type layer type shown in the summary, e.g. {@code "Dense"}
   */
  public <T extends TType> Operand<T> output(String type, Operand<T> output) {
    if (finished) {
      throw new IllegalStateException("layer '" + path + "' already finished");
    }
    finished = true;
    context.registry().summaries.add(
        new LayerSummary(path, type, output.shape(), trainableParameters, nonTrainableParameters));
    return output;
  }

  private Variable<TFloat32> create(String name, Shape shape, Initializer init) {
    Objects.requireNonNull(init, "init");
    if (shape.hasUnknownDimension()) {
      throw new IllegalArgumentException(
          "variable '" + path + "/" + name + "' needs a fully known shape, got " + shape);
    }
    Ops initOps = tf.withInitScope();
    // The seed pair depends on the model seed and the model-relative path only, not on TF's
    // uniquified op names, so the same model gives the same values in any graph or scope.
    Operand<TInt64> seedPair =
        initOps.constant(new long[] {context.seed(), hash(path + "/" + name)});
    // No sub-scope for the initializer ops: every withSubScope scans all graph ops (TF-Java 1.1.0
    // NameScope.importIdsFrom), which makes building large models quadratic.
    Operand<TFloat32> value = init.create(initOps, shape, seedPair);
    return tf.withName(name).variable(value);
  }

  /** FNV-1a 64-bit: stable across JVMs (unlike identity hashes), cheap, good enough for seeds. */
  static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
