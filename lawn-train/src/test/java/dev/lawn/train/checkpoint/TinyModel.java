package dev.lawn.train.checkpoint;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Test fixture: a graph with two float variables, a way to set them and to read them. */
final class TinyModel implements AutoCloseable {

  static final Shape KERNEL_SHAPE = Shape.of(2, 3);
  static final Shape BIAS_SHAPE = Shape.of(3);

  final Graph graph = new Graph();
  final Session session;
  private final Ops tf = Ops.create(graph);
  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final Placeholder<TFloat32> kernelIn;
  private final Placeholder<TFloat32> biasIn;
  private final Assign<TFloat32> setKernel;
  private final Assign<TFloat32> setBias;

  TinyModel() {
    kernel = tf.withName("kernel").variable(tf.zeros(tf.constant(KERNEL_SHAPE), TFloat32.class));
    bias = tf.withName("bias").variable(tf.zeros(tf.constant(BIAS_SHAPE), TFloat32.class));
    kernelIn = tf.placeholder(TFloat32.class, Placeholder.shape(KERNEL_SHAPE));
    biasIn = tf.placeholder(TFloat32.class, Placeholder.shape(BIAS_SHAPE));
    setKernel = tf.assign(kernel, kernelIn);
    setBias = tf.assign(bias, biasIn);
    session = new Session(graph);
  }

  /** Sets the kernel to {@code base + i} and the bias to {@code -base - i}. */
  void fill(float base) {
    float[] k = new float[6];
    float[] b = new float[3];
    for (int i = 0; i < 6; i++) {
      k[i] = base + i;
    }
    for (int i = 0; i < 3; i++) {
      b[i] = -base - i;
    }
    try (TFloat32 kt = TFloat32.tensorOf(KERNEL_SHAPE, DataBuffers.of(k, true, false));
        TFloat32 bt = TFloat32.tensorOf(BIAS_SHAPE, DataBuffers.of(b, true, false))) {
      session.runner().feed(kernelIn, kt).feed(biasIn, bt).addTarget(setKernel).addTarget(setBias).run().close();
    }
  }

  /** Kernel then bias values, flattened. */
  float[] values() {
    float[] out = new float[9];
    try (Result r = session.runner().fetch(tf.identity(kernel)).fetch(tf.identity(bias)).run()) {
      float[] k = new float[6];
      float[] b = new float[3];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(k, false, false));
      ((TFloat32) r.get(1)).copyTo(DataBuffers.of(b, false, false));
      System.arraycopy(k, 0, out, 0, 6);
      System.arraycopy(b, 0, out, 6, 3);
    }
    return out;
  }

  static float[] expected(float base) {
    float[] out = new float[9];
    for (int i = 0; i < 6; i++) {
      out[i] = base + i;
    }
    for (int i = 0; i < 3; i++) {
      out[6 + i] = -base - i;
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
