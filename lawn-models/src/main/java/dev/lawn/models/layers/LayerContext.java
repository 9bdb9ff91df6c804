package dev.lawn.models.layers;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Where layers of one model are built: the ops scope, the training flag, the model seed, and the
 * registries every layer reports to (trainable variables with their roles, non-trainable state,
 * update ops, summary rows).
 *
 * <p>A context is a name scope: {@link #layer} opens a uniquely named scope for one layer,
 * {@link #child} a scope for a group of layers (a residual block, a nested {@link Sequential}).
 * Children share the registries of their root. Names are Keras-like: a layer without an explicit
 * name gets its type's base name, de-duplicated with {@code _1}, {@code _2}, ...; an explicit name
 * used twice in one scope is an error, because variable names are checkpoint keys.
 */
public final class LayerContext {

  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

  private final Ops tf;
  private final String path;
  private final Registry registry;
  private final Set<String> usedNames = new HashSet<>();

  private LayerContext(Ops tf, String path, Registry registry) {
    this.tf = tf;
    this.path = path;
    this.registry = registry;
  }

  /**
   * Creates the root context of a model and its training flag, a {@code PlaceholderWithDefault(false)}
   * named {@code training} in the scope of {@code tf}.
   *
   * @param tf the scope to build the model in (may carry a sub-scope or a device)
   * @param seed model seed; with the variable's path it determines every initial value
   */
  public static LayerContext create(Ops tf, long seed) {
    Objects.requireNonNull(tf, "tf");
    PlaceholderWithDefault<TBool> training =
        tf.withName("training").placeholderWithDefault(tf.constant(false), Shape.scalar());
    return new LayerContext(tf, "", new Registry(training, seed));
  }

  /** Ops in this context's scope. */
  public Ops tf() {
    return tf;
  }

  /** Model-relative path of this scope ({@code ""} at the root), e.g. {@code "stage2_block0"}. */
  public String path() {
    return path;
  }

  /** The model's boolean training flag (false unless fed). */
  public PlaceholderWithDefault<TBool> training() {
    return registry.training;
  }

  /** The model seed. */
  public long seed() {
    return registry.seed;
  }

  /**
   * Opens a sub-scope for a group of layers (no summary row of its own).
   *
   * @param requestedName explicit name, or null to use {@code defaultBase} de-duplicated
   * @param defaultBase base name when none is given
   */
  public LayerContext child(String requestedName, String defaultBase) {
    String name = claimName(requestedName, defaultBase);
    return new LayerContext(tf.withSubScope(name), join(path, name), registry);
  }

  /**
   * Opens the scope of one layer. The layer creates its variables through the returned scope and
   * ends with {@link LayerScope#output}, which records its summary row.
   *
   * @param requestedName explicit name, or null to use {@code defaultBase} de-duplicated
   * @param defaultBase base name when none is given, e.g. {@code "dense"}
   */
  public LayerScope layer(String requestedName, String defaultBase) {
    String name = claimName(requestedName, defaultBase);
    return new LayerScope(this, tf.withSubScope(name), join(path, name));
  }

  /** Every trainable variable created so far, in creation order. */
  public List<TrainableVariable> trainableVariables() {
    return Collections.unmodifiableList(registry.trainable);
  }

  /** Every non-trainable variable (batch-norm moving statistics) created so far. */
  public List<Variable<TFloat32>> nonTrainableVariables() {
    return Collections.unmodifiableList(registry.nonTrainable);
  }

  /** Ops to run with each training step (batch-norm moving statistics). */
  public List<Op> updateOps() {
    return Collections.unmodifiableList(registry.updateOps);
  }

  /** One row per layer built so far, in build order. */
  public List<LayerSummary> summaries() {
    return Collections.unmodifiableList(registry.summaries);
  }

  Registry registry() {
    return registry;
  }

  private String claimName(String requestedName, String defaultBase) {
    if (requestedName != null) {
      checkName(requestedName);
      if (!usedNames.add(requestedName)) {
        throw new IllegalArgumentException(
            "layer name '" + requestedName + "' is used twice in scope '" + path + "'");
      }
      return requestedName;
    }
    checkName(defaultBase);
    String candidate = defaultBase;
    for (int i = 1; usedNames.contains(candidate); i++) {
      candidate = defaultBase + "_" + i;
    }
    usedNames.add(candidate);
    return candidate;
  }

  private static void checkName(String name) {
    if (!VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid layer name '" + name + "': use letters, digits, '_', '.', '-' (no '/')");
    }
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  /** State shared by a root context and all its children. */
  static final class Registry {
    final PlaceholderWithDefault<TBool> training;
    final long seed;
    final List<TrainableVariable> trainable = new ArrayList<>();
    final List<Variable<TFloat32>> nonTrainable = new ArrayList<>();
    final List<Op> updateOps = new ArrayList<>();
    final List<LayerSummary> summaries = new ArrayList<>();
    /** Outputs of {@link Concat} layers ({@code "op:index"}) and the parts they concatenate. */
    final java.util.Map<String, List<Operand<TFloat32>>> concatenations = new java.util.HashMap<>();

    Registry(PlaceholderWithDefault<TBool> training, long seed) {
      this.training = training;
      this.seed = seed;
    }
  }
}
