package dev.lawn.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** The logged bound is the product it claims, on a network small enough to check by hand. */
class NormColumnsTest {

  private static TrainableVariable var(Ops tf, String layer, String name, VariableRole role, float... values) {
    return new TrainableVariable(layer + "/" + name, layer, role,
        tf.withName(layer + "_" + name).variable(tf.withInitScope().constant(values)));
  }

  /**
   * dense d1: kernel (3, 4), bias (0, 0): norm 5. Batch norm bn: gamma (1, 2, 2): norm 3; beta
   * (5, 5, 5). Dense d2: kernel (1, 2, 2), bias (4): norm 5. Classifier: kernel (6, 8), bias (0): norm 10.
   */
  private static List<TrainableVariable> network(Ops tf, boolean batchNorm) {
    List<TrainableVariable> v = new ArrayList<>();
    v.add(var(tf, "d1", "kernel", VariableRole.KERNEL, 3, 4));
    v.add(var(tf, "d1", "bias", VariableRole.BIAS, 0, 0));
    if (batchNorm) {
      v.add(var(tf, "bn", "gamma", VariableRole.NORM_SCALE, 1, 2, 2));
      v.add(var(tf, "bn", "beta", VariableRole.NORM_OFFSET, 5, 5, 5));
    }
    v.add(var(tf, "d2", "kernel", VariableRole.KERNEL, 1, 2, 2));
    v.add(var(tf, "d2", "bias", VariableRole.BIAS, 4));
    v.add(var(tf, "classifier", "kernel", VariableRole.KERNEL, 6, 8));
    v.add(var(tf, "classifier", "bias", VariableRole.BIAS, 0));
    return v;
  }

  private static Map<String, Object> read(boolean batchNorm, String selector, float[] margins) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<TrainableVariable> vars = network(tf, batchNorm);
      NormColumns columns = new NormColumns(tf, vars, GroupSelector.named(selector).select(vars));
      try (Session s = new Session(g)) {
        s.initialize();
        return columns.read(s, margins);
      }
    }
  }

  @Test
  void withBatchNormOnlyTheLastScaleAndTheLayersAfterItReachTheLogits() {
    Map<String, Object> row = read(true, "per-layer", new float[] {1f, -2f, 7.5f, 3f});
    assertEquals(7.5, (double) row.get("margin_max"));
    assertEquals(5.0 * 5 * 10, (double) row.get("norm_product"), 1e-4, "d1, d2, classifier");
    assertEquals(3.0 * 5 * 10, (double) row.get("logit_scale_product"), 1e-4, "gamma, d2, classifier");
    assertEquals(3.0, (double) row.get("bn_scale_norm/bn"), 1e-6);
    assertEquals(5.0 * 3 * 5 * 10, (double) read(true, "with-bn-scales", new float[] {0f}).get("norm_product"), 1e-3);
    assertEquals(10.0, (double) read(true, "classifier", new float[] {0f}).get("norm_product"), 1e-5);
    // gamma and beta as one group: sqrt(9 + 75) = sqrt(84).
    assertEquals(5.0 * Math.sqrt(84) * 5 * 10, (double) read(true, "with-bn", new float[] {0f}).get("norm_product"),
        1e-3);
  }

  @Test
  void withoutBatchNormEveryLayerReachesTheLogits() {
    Map<String, Object> row = read(false, "per-layer", new float[0]);
    assertTrue(Double.isNaN((double) row.get("margin_max")), "no margins sampled");
    assertEquals(250.0, (double) row.get("norm_product"), 1e-4);
    assertEquals(250.0, (double) row.get("logit_scale_product"), 1e-4);
    assertTrue(row.keySet().stream().noneMatch(k -> k.startsWith("bn_scale_norm/")), row.toString());
  }
}
