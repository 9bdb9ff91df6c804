package dev.lawn.data.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Copies the arrays of a {@link HostBatch} into new TensorFlow tensors, one bulk copy per feature. */
final class TensorCopy {

  private TensorCopy() {}

  static Map<String, Tensor> toTensors(HostBatch batch) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try {
      for (String name : batch.names()) {
        long[] element = batch.shape(name);
        long[] dims = new long[element.length + 1];
        dims[0] = batch.size();
        System.arraycopy(element, 0, dims, 1, element.length);
        Shape shape = Shape.of(dims);
        int n = Math.toIntExact(shape.size());
        Object array = batch.array(name);
        if (array instanceof int[] ints) {
          out.put(name, TInt32.tensorOf(shape, t -> t.asRawTensor().data().asInts().write(ints, 0, n)));
        } else {
          float[] floats = (float[]) array;
          out.put(name, TFloat32.tensorOf(shape, t -> t.asRawTensor().data().asFloats().write(floats, 0, n)));
        }
      }
      return out;
    } catch (RuntimeException | Error e) {
      out.values().forEach(Tensor::close);
      throw e;
    }
  }
}
