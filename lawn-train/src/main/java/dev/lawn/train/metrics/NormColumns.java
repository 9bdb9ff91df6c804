package dev.lawn.train.metrics;

import dev.lawn.ops.ParameterGroup;
import dev.lawn.ops.TangentProjection;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Per-epoch log columns that set what bounds the logits beside what the logits do (issue 19):
 *
 * <ul>
 *   <li>{@code margin_max}: the largest training margin the epoch sampled (beside the logged
 *       p10/p50/p90);
 *   <li>{@code norm_product}: the product of the constrained groups' norms, {@code prod_g ||w_g||}: the
 *       LAWN groups (batch-norm scales among them when {@code --groups} includes them), or, without
 *       LAWN, the per-layer groups of the {@code norm/...} columns. LAWN holds it fixed after the switch;
 *   <li>{@code logit_scale_product}: the product of the norms of what still scales the logits, with
 *       batch-norm scales where they apply. A batch norm divides out the scale of everything before
 *       it, so only the last batch norm's scale ({@code ||gamma||}) and the layers after it count; in a
 *       network without batch norm, every layer of kernels, biases and embeddings. For a ReLU network
 *       this product, times input-size constants, bounds how far the logits can grow (offsets and
 *       biases aside); it is a bound's shape, not a certified Lipschitz constant;
 *   <li>{@code bn_scale_norm/<layer>}: each batch-norm scale's norm {@code ||gamma||}.
 * </ul>
 *
 * <p>Products are taken in double precision from the fetched norms, so that many layers do not
 * overflow float32.
 */
public final class NormColumns {

  private final List<Operand<TFloat32>> constrained = new ArrayList<>();
  private final List<Operand<TFloat32>> logitScale = new ArrayList<>();
  private final List<String> scaleLayers = new ArrayList<>();
  private final List<Operand<TFloat32>> scaleNorms = new ArrayList<>();

  /**
   * @param variables the model's trainable variables in build order (input to output)
   * @param constrainedGroups the groups whose norm product is {@code norm_product}
   */
  public NormColumns(Ops tf, List<TrainableVariable> variables, List<ParameterGroup> constrainedGroups) {
    Ops scope = tf.withSubScope("norm_columns");
    for (ParameterGroup g : constrainedGroups) {
      constrained.add(norm(scope, g.members()));
    }
    int lastNorm = -1;
    for (int i = 0; i < variables.size(); i++) {
      TrainableVariable v = variables.get(i);
      if (v.role() == VariableRole.NORM_SCALE) {
        lastNorm = i;
        scaleLayers.add(v.layer());
        scaleNorms.add(norm(scope, List.of(v)));
      }
    }
    if (lastNorm >= 0) {
      logitScale.add(scope.identity(scaleNorms.get(scaleNorms.size() - 1))); // its own output: a fetch names each once
    }
    // The layers after the last batch norm (all layers without one), kernels, biases and embeddings per layer.
    Map<String, List<TrainableVariable>> after = new LinkedHashMap<>();
    for (int i = lastNorm + 1; i < variables.size(); i++) {
      TrainableVariable v = variables.get(i);
      if (v.role() == VariableRole.KERNEL || v.role() == VariableRole.BIAS || v.role() == VariableRole.EMBEDDING) {
        after.computeIfAbsent(v.layer(), k -> new ArrayList<>()).add(v);
      }
    }
    after.values().forEach(members -> logitScale.add(norm(scope, members)));
  }

  private static Operand<TFloat32> norm(Ops tf, List<TrainableVariable> members) {
    List<Operand<TFloat32>> w = new ArrayList<>();
    members.forEach(m -> w.add(tf.identity(m.variable())));
    return tf.math.sqrt(TangentProjection.dot(tf, w, w));
  }

  /**
   * The columns, read from the session's variables now.
   *
   * @param epochMargins the training margins the epoch sampled (may be empty: {@code margin_max} is NaN)
   */
  public Map<String, Object> read(Session session, float[] epochMargins) {
    Map<String, Object> row = new LinkedHashMap<>();
    double max = Double.NaN;
    for (float m : epochMargins) {
      max = Double.isNaN(max) ? m : Math.max(max, m);
    }
    row.put("margin_max", max);
    List<Operand<TFloat32>> all = new ArrayList<>(constrained);
    all.addAll(logitScale);
    all.addAll(scaleNorms);
    if (all.isEmpty()) {
      row.put("norm_product", 1.0);
      row.put("logit_scale_product", 1.0);
      return row;
    }
    Session.Runner runner = session.runner();
    all.forEach(runner::fetch);
    double[] values = new double[all.size()];
    try (Result r = runner.run()) {
      for (int i = 0; i < values.length; i++) {
        values[i] = ((TFloat32) r.get(i)).getFloat();
      }
    }
    int o = 0;
    row.put("norm_product", product(values, o, constrained.size()));
    o += constrained.size();
    row.put("logit_scale_product", product(values, o, logitScale.size()));
    o += logitScale.size();
    for (int i = 0; i < scaleNorms.size(); i++) {
      row.put("bn_scale_norm/" + scaleLayers.get(i), values[o + i]);
    }
    return row;
  }

  private static double product(double[] values, int from, int count) {
    double p = 1;
    for (int i = from; i < from + count; i++) {
      p *= values[i];
    }
    return p;
  }
}
