package dev.lawn.train.distributed;

import dev.lawn.models.GraphModel;
import dev.lawn.models.Model;
import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * In-graph data-parallel replication of a model: one tower per device, each computing the forward
 * and backward pass of its share of the batch on its device with the model's one set of variables.
 *
 * <p>Use: build the model once in the main graph (its variables, placed where the caller's scope
 * says, are the only copy; its own ops serve evaluation), then {@link #forward} the towers; build
 * the loss on {@link #logits()} (all towers' logits in batch order) and the labels as usual; then
 * {@link #gradients} gives the gradient of that loss with respect to each trainable variable, the
 * sum of the towers' contributions. One optimizer step on these equals single-device training on
 * the whole batch (up to float rounding), because the loss is the same function of the same logits.
 *
 * <p>The batch is split in order: tower {@code i} gets {@code n / k} examples, plus one for the
 * first {@code n % k} towers. Differences from one device, by design of in-graph replication:
 * batch normalization normalizes each tower's share with that share's statistics and the moving
 * statistics are updated from tower 0's share; dropout draws independent masks per tower.
 */
public final class Towers {

  private final Ops tf;
  private final TowerTemplate template;
  private final List<DeviceSpec> devices;
  private final List<Variable<TFloat32>> variables;
  private final List<Operand<TFloat32>> towerLogits = new ArrayList<>();
  private final List<Set<String>> forwardNodes = new ArrayList<>();
  private final List<Op> updateOps = new ArrayList<>();
  private final Operand<TFloat32> logits;
  private final Map<String, Output<?>> sharedInputs = new LinkedHashMap<>();
  /** Per tower: the main-graph operands that stand for the template's variables, inputs and training flag. */
  private final List<Map<String, Output<?>>> towerInputs = new ArrayList<>();
  private boolean differentiated;

  private Towers(Ops tf, TowerTemplate template, List<DeviceSpec> devices, Model main,
      List<Map<String, Operand<?>>> given) {
    this.tf = tf;
    this.template = template;
    this.devices = List.copyOf(devices);
    this.variables = mainVariables(main);
    if (variables.size() != template.variables.size()) {
      throw new IllegalArgumentException("the tower model has " + template.variables.size()
          + " variables, the main model " + variables.size() + ": build both with the same factory");
    }
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> v = variables.get(i);
      NodeDef t = template.nodes.get(template.variables.get(i));
      if (!java.util.Arrays.equals(v.shape().asArray(), NodePlacement.dimsOf(t))) {
        throw new IllegalArgumentException("variable " + v.op().name() + " has shape " + v.shape()
            + " in the main model but " + java.util.Arrays.toString(NodePlacement.dimsOf(t)) + " in the tower model");
      }
      sharedInputs.put(template.variables.get(i) + ":0", v.asOutput());
    }
    sharedInputs.put(template.training + ":0", main.training().asOutput());

    for (String feature : template.inputs.keySet()) {
      if (!main.inputs().containsKey(feature)) {
        throw new IllegalArgumentException("the tower model has input '" + feature + "', the main model only "
            + main.inputs().keySet() + ": build both with the same factory");
      }
    }
    Map<String, List<Operand<?>>> slices = given == null ? split(main.inputs()) : null;
    for (int i = 0; i < devices.size(); i++) {
      Map<String, Output<?>> inputs = new LinkedHashMap<>(sharedInputs);
      for (Map.Entry<String, String> e : template.inputs.entrySet()) {
        Operand<?> input = given == null ? slices.get(e.getKey()).get(i) : given.get(i).get(e.getKey());
        if (input == null) {
          throw new IllegalArgumentException("tower " + i + " has no input '" + e.getKey() + "'");
        }
        inputs.put(e.getValue() + ":0", input.asOutput());
      }
      towerInputs.add(inputs);
      // Tower 0 also runs the model's update ops (batch-norm moving statistics); the others do not.
      Set<String> forward = template.forwardNodes(i == 0);
      forwardNodes.add(forward);
      importPart(forward, forwardPrefix(i), devices.get(i), i, inputs, Map.of());
      towerLogits.add(floatOutput(resolve(template.logits, i)));
      if (i == 0 && !template.updateOps.isEmpty()) {
        List<org.tensorflow.Operation> ops = new ArrayList<>();
        for (String op : template.updateOps) {
          ops.add(graph().operationOrThrow(forwardPrefix(0) + "/" + op));
        }
        updateOps.add(tf.withName("tower_0_updates").withControlDependencyOps(ops).noOp());
      }
    }
    logits = towerLogits.size() == 1 ? tf.identity(towerLogits.get(0)) : tf.concat(towerLogits, tf.constant(0));
  }

  /**
   * Builds the forward pass of one tower per device.
   *
   * @param tf scope of the main graph where the shared work runs (batch split, logits concatenation,
   *     gradient sums); normally the parameter device
   * @param devices one tower per entry, in batch order
   * @param modelFactory builds the model (the same one that built {@code main}) into a scope
   * @param main the model already built in {@code tf}'s graph: its variables, inputs (fed with the
   *     whole batch) and training flag are shared by the towers
   */
  public static Towers forward(Ops tf, List<DeviceSpec> devices, Function<Ops, Model> modelFactory, Model main) {
    Objects.requireNonNull(tf, "tf");
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("replication needs at least one device");
    }
    return new Towers(tf, TowerTemplate.of(modelFactory), devices, main, null);
  }

  /**
   * The same, with each tower's share of the batch given instead of split from the model's inputs:
   * {@code towerInputs.get(i)} maps every model input name to tower {@code i}'s rows (for instance
   * dequeued on the tower's own machine, see {@link WorkerInput}).
   */
  public static Towers forward(Ops tf, List<DeviceSpec> devices, Function<Ops, Model> modelFactory, Model main,
      List<Map<String, Operand<?>>> towerInputs) {
    Objects.requireNonNull(tf, "tf");
    if (devices.isEmpty() || towerInputs.size() != devices.size()) {
      throw new IllegalArgumentException("replication needs one input map per device, got " + towerInputs.size()
          + " for " + devices.size() + " devices");
    }
    return new Towers(tf, TowerTemplate.of(modelFactory), devices, main, towerInputs);
  }

  /** The towers' devices, in batch order. */
  public List<DeviceSpec> devices() {
    return devices;
  }

  /** All towers' logits, concatenated in batch order: the same rows as the model's logits on the whole batch. */
  public Operand<TFloat32> logits() {
    return logits;
  }

  /** Each tower's logits. */
  public List<Operand<TFloat32>> towerLogits() {
    return List.copyOf(towerLogits);
  }

  /** The model's update ops as built in tower 0 (run them with each training step instead of the main model's). */
  public List<Op> updateOps() {
    return List.copyOf(updateOps);
  }

  /**
   * Back-propagates {@code loss} (a scalar computed from {@link #logits()}) through every tower and
   * returns, for each trainable variable of the model in order, the sum of the towers' gradients
   * (not gated: pass them through {@code LossGradients.gated} before an optimizer writes variables).
   * Call once.
   */
  public List<Operand<TFloat32>> gradients(Operand<TFloat32> loss) {
    if (differentiated) {
      throw new IllegalStateException("Towers.gradients was already called");
    }
    differentiated = true;
    // The loss's gradient with respect to each tower's logits: small ops on the caller's device
    // (gradient ops get no device from the scope; they go to the session's default device).
    Gradients seeds = tf.gradients(loss, towerLogits);
    List<List<Operand<TFloat32>>> perVariable = new ArrayList<>();
    for (int v = 0; v < template.trainableCount; v++) {
      perVariable.add(new ArrayList<>());
    }
    for (int i = 0; i < devices.size(); i++) {
      Set<String> forward = forwardNodes.get(i);
      Set<String> backward = template.backwardNodes(forward);
      Map<String, Output<?>> inputs = new LinkedHashMap<>(towerInputs.get(i));
      inputs.put(TowerTemplate.SEED + ":0", seeds.dy(i).asOutput());
      Map<String, GraphOperation> controls = new LinkedHashMap<>();
      for (String name : forward) {
        GraphOperation op = graph().operationOrThrow(forwardPrefix(i) + "/" + name);
        controls.put(name, op);
        for (int k = 0; k < op.numOutputs(); k++) {
          inputs.put(name + ":" + k, op.output(k));
        }
      }
      importPart(backward, backwardPrefix(i), devices.get(i), i, inputs, controls);
      for (int v = 0; v < template.trainableCount; v++) {
        String g = template.gradients.get(v);
        String node = TowerTemplate.nodeOf(g);
        Output<?> out = backward.contains(node) ? graph().operationOrThrow(backwardPrefix(i) + "/" + node)
            .output(Integer.parseInt(g.substring(g.lastIndexOf(':') + 1))) : inputs.get(g);
        perVariable.get(v).add(floatOutput(out));
      }
    }
    List<Operand<TFloat32>> sums = new ArrayList<>();
    for (List<Operand<TFloat32>> parts : perVariable) {
      sums.add(parts.size() == 1 ? tf.identity(parts.get(0)) : tf.math.addN(parts));
    }
    return sums;
  }

  /** Splits each input along the batch axis into one consecutive slice per tower. */
  private Map<String, List<Operand<?>>> split(Map<String, Operand<?>> inputs) {
    Ops s = tf.withSubScope("tower_split");
    int k = devices.size();
    Operand<?> first = inputs.values().iterator().next();
    Operand<TInt32> n = s.gather(s.shape(first), s.constant(0), s.constant(0));
    // sizes[i] = n / k + (i < n % k ? 1 : 0)
    Operand<TInt32> base = s.math.floorDiv(n, s.constant(k));
    Operand<TInt32> extra = s.dtypes.cast(
        s.math.less(s.range(s.constant(0), s.constant(k), s.constant(1)), s.math.floorMod(n, s.constant(k))), TInt32.class);
    Operand<TInt32> sizes = s.math.add(s.fill(s.constant(new int[] {k}), base), extra);
    Map<String, List<Operand<?>>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Operand<?>> e : inputs.entrySet()) {
      @SuppressWarnings("unchecked")
      Operand<TType> input = (Operand<TType>) e.getValue();
      List<Operand<?>> parts = new ArrayList<>();
      s.splitV(input, sizes, s.constant(0), (long) k).forEach(parts::add);
      out.put(e.getKey(), parts);
    }
    return out;
  }

  private void importPart(Set<String> names, String prefix, DeviceSpec device, int tower, Map<String, Output<?>> inputs,
      Map<String, GraphOperation> controls) {
    GraphDef.Builder part = GraphDef.newBuilder().setVersions(template.graph.getVersions())
        .setLibrary(template.graph.getLibrary());
    Map<String, Output<?>> usedInputs = new LinkedHashMap<>();
    Map<String, GraphOperation> usedControls = new LinkedHashMap<>();
    for (NodeDef node : template.graph.getNodeList()) {
      if (!names.contains(node.getName())) {
        continue;
      }
      for (String ref : node.getInputList()) {
        String from = TowerTemplate.nodeOf(ref);
        if (names.contains(from)) {
          continue;
        }
        if (ref.startsWith("^")) {
          GraphOperation op = controls.get(from);
          if (op == null) {
            throw new IllegalStateException("tower " + tower + ": " + node.getName() + " waits for " + from
                + ", which is not shared");
          }
          usedControls.put(from, op);
        } else {
          String tensor = TowerTemplate.tensorOf(ref);
          Output<?> to = inputs.get(tensor);
          if (to == null) {
            throw new IllegalStateException("tower " + tower + ": " + node.getName() + " reads " + tensor
                + ", which is not shared");
          }
          usedInputs.put(tensor, to);
        }
      }
      part.addNode(NodePlacement.placed(node, device, tower, template.variables));
    }
    TensorFlowInternals.importGraphDef(graph(), part.build(), prefix, usedInputs, usedControls);
  }

  private Output<?> resolve(String tensor, int tower) {
    String node = TowerTemplate.nodeOf(tensor);
    int index = Integer.parseInt(tensor.substring(tensor.lastIndexOf(':') + 1));
    return graph().operationOrThrow(forwardPrefix(tower) + "/" + node).output(index);
  }

  private static String forwardPrefix(int tower) {
    return "tower_" + tower;
  }

  private static String backwardPrefix(int tower) {
    return "tower_" + tower + "_gradients";
  }

  private Graph graph() {
    return (Graph) tf.scope().env();
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floatOutput(Output<?> output) {
    if (output.type() != TFloat32.class) {
      throw new IllegalStateException(output + " is not float32");
    }
    return (Operand<TFloat32>) output;
  }

  private static List<Variable<TFloat32>> mainVariables(Model main) {
    List<Variable<TFloat32>> out = new ArrayList<>();
    for (TrainableVariable v : main.trainableVariables()) {
      out.add(v.variable());
    }
    if (main instanceof GraphModel g) {
      out.addAll(g.nonTrainableVariables());
    }
    return out;
  }
}
