package dev.lawn.data.image;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * Resizes in-memory NHWC images bilinearly (TensorFlow's {@code ResizeBilinear} with half-pixel
 * centres, as {@link JpegDecoder} does), a chunk of images per session run: how a data set stored
 * at one size (IDX, CIFAR) is trained at another {@code --image-size}.
 */
public final class ImageResizer {

  /** Images per session run: bounds the tensors to a few tens of MB. */
  static final int CHUNK = 512;

  private ImageResizer() {}

  /** {@code count} images of {@code from} x {@code channels} resized to {@code to}. */
  public static float[] resize(float[] images, int count, ImageSize from, int channels, ImageSize to) {
    int inSize = from.height() * from.width() * channels;
    int outSize = to.height() * to.width() * channels;
    float[] out = new float[Math.multiplyExact(count, outSize)];
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, from.height(), from.width(), channels)));
      Operand<TFloat32> resized = tf.image.resizeBilinear(in, tf.constant(new int[] {to.height(), to.width()}),
          ResizeBilinear.halfPixelCenters(true));
      for (int first = 0; first < count; first += CHUNK) {
        int n = Math.min(CHUNK, count - first);
        try (TFloat32 chunk = TFloat32.tensorOf(Shape.of(n, from.height(), from.width(), channels),
                DataBuffers.of(images, true, false).slice((long) first * inSize, (long) n * inSize));
            Result r = session.runner().feed(in, chunk).fetch(resized).run()) {
          ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out, first * outSize, n * outSize);
        }
      }
    }
    return out;
  }
}
