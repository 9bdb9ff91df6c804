package dev.lawn.train.distributed;

import dev.lawn.models.GraphModel;
import dev.lawn.models.Model;
import dev.lawn.ops.TrainableVariable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * One tower's computation as a {@code GraphDef}, built once in a scratch graph: the model's forward
 * pass and its back-propagation from an incoming gradient of the logits ({@code seed}) to every
 * trainable variable. Towers are imported copies of it, with the variables, inputs and training
 * flag wired to the main graph and every op given the tower's device.
 *
 * <p>Why a template rather than building the model once per tower in the main graph: gradient ops
 * get no device from the scope in TF-Java 1.1.0 (they would all land on one device), and a model
 * built twice would create its variables twice. An imported {@code NodeDef} carries its own device,
 * and the import's input map shares the variables.
 *
 * <p>The nodes fall in two parts imported separately: the forward part (everything the logits and
 * the model's update ops need) and the backward part (the rest of what the gradients need). Between
 * the two imports the main graph computes the loss on all towers' logits and its gradient with
 * respect to each tower's logits, which becomes that tower's seed; so any loss, including ones that
 * are not a mean over examples (flooding), is back-propagated exactly as on one device.
 */
final class TowerTemplate {

  /** Name of the placeholder for the gradient of the loss with respect to the tower's logits. */
  static final String SEED = "lawn_tower_seed";
  static final String GRADIENT_PREFIX = "lawn_tower_gradients";

  final GraphDef graph;
  final Map<String, NodeDef> nodes = new LinkedHashMap<>();
  /** Variable node names in the order of {@link Model#trainableVariables()}, then the non-trainable ones. */
  final List<String> variables = new ArrayList<>();
  /** Input placeholder node by feature name. */
  final Map<String, String> inputs = new LinkedHashMap<>();
  final String training;
  final String logits;
  /** Gradient tensors ({@code node:index}), one per trainable variable. */
  final List<String> gradients = new ArrayList<>();
  final List<String> updateOps = new ArrayList<>();
  /** Nodes the import replaces by main-graph operands (variables, inputs, training flag, seed). */
  final Set<String> cut = new LinkedHashSet<>();
  final int trainableCount;

  private TowerTemplate(Model model, Output<?>[] grads, GraphDef graph) {
    this.graph = graph;
    for (NodeDef n : graph.getNodeList()) {
      nodes.put(n.getName(), n);
    }
    for (TrainableVariable v : model.trainableVariables()) {
      variables.add(v.variable().op().name());
    }
    trainableCount = variables.size();
    if (model instanceof GraphModel g) {
      for (Variable<TFloat32> v : g.nonTrainableVariables()) {
        variables.add(v.op().name());
      }
    }
    model.inputs().forEach((feature, input) -> inputs.put(feature, input.op().name()));
    training = model.training().op().name();
    logits = tensorName(model.logits().asOutput());
    for (Output<?> g : grads) {
      if (g == null) {
        throw new IllegalArgumentException("a trainable variable of model " + model.name() + " does not reach its logits");
      }
      gradients.add(tensorName(g));
    }
    model.updateOps().forEach(op -> updateOps.add(op.op().name()));
    cut.addAll(variables);
    cut.addAll(inputs.values());
    cut.add(training);
    cut.add(SEED);
  }

  /** Builds the model with {@code modelFactory} in a scratch graph and records its tower computation. */
  static TowerTemplate of(Function<Ops, Model> modelFactory) {
    try (Graph scratch = new Graph()) {
      Ops tf = Ops.create(scratch);
      Model model = modelFactory.apply(tf);
      Operand<TFloat32> seed = tf.withName(SEED).placeholder(TFloat32.class, Placeholder.shape(model.logits().shape()));
      List<Output<?>> x = new ArrayList<>();
      for (TrainableVariable v : model.trainableVariables()) {
        x.add(v.variable().asOutput());
      }
      Output<?>[] grads = scratch.addGradients(GRADIENT_PREFIX, new Output<?>[] {model.logits().asOutput()},
          x.toArray(new Output<?>[0]), new Output<?>[] {seed.asOutput()});
      return new TowerTemplate(model, grads, scratch.toGraphDef());
    }
  }

  /** The forward part: what the logits (and, with {@code withUpdates}, the update ops) need. */
  Set<String> forwardNodes(boolean withUpdates) {
    List<String> roots = new ArrayList<>();
    roots.add(nodeOf(logits));
    if (withUpdates) {
      roots.addAll(updateOps);
    }
    return closure(roots, Set.of());
  }

  /** The backward part: what the gradients need beyond {@code forward}. */
  Set<String> backwardNodes(Set<String> forward) {
    List<String> roots = new ArrayList<>();
    for (String g : gradients) {
      roots.add(nodeOf(g));
    }
    return closure(roots, forward);
  }

  /** Nodes reachable backwards from {@code roots} through data and control inputs, stopping at cut and {@code stop} nodes. */
  private Set<String> closure(List<String> roots, Set<String> stop) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (cut.contains(name) || stop.contains(name) || !seen.add(name)) {
        continue;
      }
      NodeDef node = nodes.get(name);
      if (node == null) {
        throw new IllegalStateException("tower template: no node " + name);
      }
      if (node.getOp().startsWith("Placeholder") && !node.getOp().equals("PlaceholderWithDefault")) {
        throw new IllegalStateException("tower template: the model needs placeholder " + name
            + ", which is neither an input nor the training flag");
      }
      for (String input : node.getInputList()) {
        todo.push(nodeOf(input));
      }
    }
    return seen;
  }

  /** {@code node} of {@code ^node}, {@code node:3} or {@code node}. */
  static String nodeOf(String reference) {
    String s = reference.startsWith("^") ? reference.substring(1) : reference;
    int colon = s.lastIndexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  /** {@code node:index} of a data reference ({@code node} means index 0). */
  static String tensorOf(String reference) {
    return reference.indexOf(':') < 0 ? reference + ":0" : reference;
  }

  static String tensorName(Output<?> output) {
    return output.op().name() + ":" + output.index();
  }
}
