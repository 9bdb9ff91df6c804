package dev.lawn.ops;

import dev.lawn.ops.kernels.FusedSphereOps;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Run by {@link FusedKernelsTest} in a child JVM, where nothing has loaded the native library yet:
 * builds and runs {@code LawnTangentGradients} through {@link FusedSphereOps} alone and prints
 * {@code <w,w>}.
 */
public final class FusedOpsInFreshJvm {

  private FusedOpsInFreshJvm() {}

  public static void main(String[] args) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> w = tf.constant(new float[] {3f, 4f});
      var out = FusedSphereOps.tangentGradients(tf, 0, List.of(w), List.of(w), tf.constant(new float[] {1f}));
      try (var r = session.runner().fetch(out.squaredNorm()).run()) {
        System.out.println("ww=" + ((TFloat32) r.get(0)).getFloat());
      }
    }
  }
}
