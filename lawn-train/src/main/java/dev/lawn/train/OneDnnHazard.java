package dev.lawn.train;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/**
 * TensorFlow 2.18's oneDNN kernels (TF-Java 1.1.0's CPU natives) corrupt the heap in the gradient of a
 * convolution (MklConvBwdFilterPrimitive) on AVX-512 CPUs: ResNet-18 training aborts the JVM with
 * {@code free(): invalid size} on an AMD EPYC with avx512_bf16 (docs/PERFORMANCE.md, "oneDNN on
 * AVX-512 CPUs"). {@code TF_ENABLE_ONEDNN_OPTS=0} turns oneDNN off, but only in the environment the
 * JVM starts with, which a library cannot change: {@code ./lawn} and lawn's tests set it; a training
 * of a convolutional graph in a JVM without it, on such a CPU, is warned here.
 */
final class OneDnnHazard {

  /** The op types whose gradient runs the faulty kernel. */
  private static final Set<String> CONVOLUTIONS = Set.of("Conv2D", "Conv3D", "DepthwiseConv2dNative");

  private OneDnnHazard() {}

  /**
   * The warning for a training run on {@code machine}, if any: oneDNN on, an AVX-512 CPU and a
   * convolution in the graph.
   */
  static Optional<String> warning(ComputeEnvironment machine, boolean convolutional) {
    if (!machine.onednn() || !machine.avx512() || !convolutional) {
      return Optional.empty();
    }
    return Optional.of("warning: TensorFlow's oneDNN convolution gradient can corrupt the heap and abort the JVM on "
        + "this AVX-512 CPU; start the JVM with TF_ENABLE_ONEDNN_OPTS=0 (./lawn does; docs/PERFORMANCE.md)");
  }

  /** The warning for training {@code env}'s graph in this JVM, on {@code machine}, if any. */
  static Optional<String> warning(ExecutionEnvironment env, ComputeEnvironment machine) {
    return env instanceof Graph graph ? warning(machine, convolutional(graph)) : Optional.empty();
  }

  private static boolean convolutional(Graph graph) {
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      if (CONVOLUTIONS.contains(it.next().type())) {
        return true;
      }
    }
    return false;
  }

}
