package dev.lawn.train;

import org.tensorflow.types.TFloat32;

/** Copies fetched float tensors into Java arrays (one bulk read, no per-element calls). */
final class FloatReader {

  private FloatReader() {}

  /** All of {@code t}'s values. */
  static float[] read(TFloat32 t) {
    float[] out = new float[(int) t.size()];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  /** {@code t}'s values into {@code out} from {@code offset}; returns how many were read. */
  static int readInto(TFloat32 t, float[] out, int offset) {
    int n = (int) t.size();
    t.asRawTensor().data().asFloats().read(out, offset, n);
    return n;
  }
}
