package dev.lawn.models;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Test helpers to move float data in and out of tensors. */
public final class TestTensors {

  private TestTensors() {}

  /** All elements of a float tensor in row-major order. */
  public static float[] floats(Tensor tensor) {
    TFloat32 t = (TFloat32) tensor;
    float[] data = new float[(int) t.size()];
    t.asRawTensor().data().asFloats().read(data);
    return data;
  }

  /** A float tensor of {@code shape} holding {@code data} (row-major). */
  public static TFloat32 tensor(Shape shape, float[] data) {
    return TFloat32.tensorOf(shape, DataBuffers.of(data));
  }
}
