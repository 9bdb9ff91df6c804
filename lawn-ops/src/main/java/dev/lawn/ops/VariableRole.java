package dev.lawn.ops;

/**
 * What a trainable variable is, as declared by the layer that owns it.
 *
 * <p>Roles make optimizer choices declarative: which variables LAWN constrains, which ones weight
 * decay or LAMB's trust ratio skip. Choosing by role rather than by name substring (Keras' trap) keeps
 * the choice correct when layers are renamed.
 */
public enum VariableRole {
  /** A dense or convolution weight matrix/tensor. */
  KERNEL,
  /** An additive bias of a dense or convolution layer. */
  BIAS,
  /** An embedding table (one row per id). */
  EMBEDDING,
  /** The multiplicative scale (gamma) of a normalization layer. */
  NORM_SCALE,
  /** The additive offset (beta) of a normalization layer. */
  NORM_OFFSET,
  /** Anything else that is trained. */
  OTHER;

  /** True for the roles that usually carry no weight decay: biases and normalization parameters. */
  public boolean isBiasOrNorm() {
    return this == BIAS || this == NORM_SCALE || this == NORM_OFFSET;
  }
}
