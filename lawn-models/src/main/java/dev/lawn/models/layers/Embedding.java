package dev.lawn.models.layers;

import dev.lawn.ops.VariableRole;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Lookup table: ids {@code [B]} to rows {@code [B, dim]} ({@code GatherV2} on the table, whose
 * graph-mode gradient is dense in TF-Java 1.1.0).
 *
 * <p>Variable: {@code embeddings [inputDim, dim]} ({@link VariableRole#EMBEDDING}), normal with
 * standard deviation {@value #DEFAULT_STDDEV} by default, as in He et al. (2017).
 */
public final class Embedding {

  /** Default initializer standard deviation (NCF). */
  public static final double DEFAULT_STDDEV = 0.01;

  private final String name;
  private final int inputDim;
  private final int outputDim;
  private final Initializer initializer;
  private boolean applied;

  /** A table of {@code inputDim} rows of width {@code outputDim}, normal(0.01) initialized. */
  public Embedding(String name, int inputDim, int outputDim) {
    this(name, inputDim, outputDim, Initializer.normal(DEFAULT_STDDEV));
  }

  /**
   * @param name explicit name or null ({@code embedding}, ...)
   * @param inputDim number of ids (rows)
   * @param outputDim embedding width
   * @param initializer table initializer
   */
  public Embedding(String name, int inputDim, int outputDim, Initializer initializer) {
    this.name = name;
    this.inputDim = BaseLayer.requirePositive(inputDim, "Embedding inputDim");
    this.outputDim = BaseLayer.requirePositive(outputDim, "Embedding outputDim");
    this.initializer = Objects.requireNonNull(initializer, "initializer");
  }

  /**
   * Looks up {@code ids}; ids must lie in {@code [0, inputDim)} (TF fails the run otherwise).
   *
   * @return {@code ids.shape + [outputDim]}
   */
  public Operand<TFloat32> apply(LayerContext context, Operand<TInt32> ids) {
    if (applied) {
      throw new IllegalStateException("Embedding '" + name + "' was already applied; create a new instance");
    }
    applied = true;
    LayerScope scope = context.layer(name, "embedding");
    Ops tf = scope.tf();
    Variable<TFloat32> table =
        scope.trainable("embeddings", VariableRole.EMBEDDING, Shape.of(inputDim, outputDim), initializer);
    return scope.output("Embedding", tf.gather(scope.read(table), ids, tf.constant(0)));
  }
}
