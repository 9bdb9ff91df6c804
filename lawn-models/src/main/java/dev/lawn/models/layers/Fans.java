package dev.lawn.models.layers;

import org.tensorflow.ndarray.Shape;

/**
 * Fan-in and fan-out of a weight shape, as Keras computes them: {@code [in, out]} for dense
 * kernels, {@code [kh, kw, in, out]} (times the receptive field) for convolution kernels.
 *
 * @param in number of inputs feeding one output unit
 * @param out number of outputs one input unit feeds
 */
record Fans(long in, long out) {

  static Fans of(Shape shape) {
    if (shape.isUnknown() || shape.hasUnknownDimension()) {
      throw new IllegalArgumentException("fans need a fully known shape, got " + shape);
    }
    int rank = shape.numDimensions();
    if (rank == 0) {
      return new Fans(1, 1);
    }
    if (rank == 1) {
      return new Fans(shape.get(0), shape.get(0));
    }
    long receptiveField = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptiveField *= shape.get(i);
    }
    return new Fans(shape.get(rank - 2) * receptiveField, shape.get(rank - 1) * receptiveField);
  }
}
