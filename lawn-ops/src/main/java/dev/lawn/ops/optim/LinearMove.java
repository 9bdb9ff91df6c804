package dev.lawn.ops.optim;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A variable's new value as a combination of its old value and a step direction,
 * {@code w_t = w_{t-1} - decay * w_{t-1} - rate * d}, with scalar {@code decay} and {@code rate}: the
 * shape of SGD with weight decay. Projecting a step onto a tangent space and rescaling onto a sphere
 * are moves of this form, and because the coefficients are scalars an optimizer can write the move in
 * place with two fused {@code ApplyGradientDescent} kernels instead of materializing new weights.
 *
 * @param decay multiplier of the old value to subtract; {@code null} means none (one kernel less)
 * @param rate multiplier of the direction to subtract
 */
public record LinearMove(Operand<TFloat32> decay, Operand<TFloat32> rate) {

  /** {@code w - rate * d}, the plain step. */
  public static LinearMove step(Operand<TFloat32> rate) {
    return new LinearMove(null, rate);
  }
}
