package dev.lawn.models;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Plain gradient descent on a {@link Model} for tests: {@code tf.gradients} of a loss with respect to
 * the model's trainable variables and {@code assignSub(v, lr * g)}, run together with the model's
 * update ops. (The LAWN optimizer replaces this in lawn-train.)
 */
final class GradientDescentHarness {

  final Model model;
  final Operand<TFloat32> loss;
  final Operand<?> labels;
  final List<Op> trainOps = new ArrayList<>();

  private GradientDescentHarness(Ops tf, Model model, Operand<TFloat32> loss, Operand<?> labels, float learningRate) {
    this.model = model;
    this.loss = loss;
    this.labels = labels;
    List<TrainableVariable> vars = model.trainableVariables();
    Gradients grads = tf.gradients(loss, vars.stream().map(TrainableVariable::variable).toList());
    // Gate every update on every gradient (TF1's GATE_GRAPH): a read of a ref variable aliases its
    // buffer, so an in-place update racing with back-propagation through that variable would
    // corrupt other gradients (measured: run-to-run loss differences of ~1e-3 without the gate).
    Ops gated = tf.withControlDependencyOps(grads.dy().stream().map(o -> o.op()).toList());
    for (int i = 0; i < vars.size(); i++) {
      trainOps.add(gated.assignSub(vars.get(i).variable(), tf.math.mul(grads.dy(i), tf.constant(learningRate))));
    }
    trainOps.addAll(model.updateOps());
  }

  /** Mean softmax cross-entropy against int labels [B]. */
  static GradientDescentHarness classifier(Ops tf, Model model, int numClasses, float learningRate) {
    Operand<TInt32> labels = tf.withName("labels").placeholder(TInt32.class);
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(numClasses), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perExample = tf.nn.softmaxCrossEntropyWithLogits(model.logits(), oneHot).loss();
    return new GradientDescentHarness(tf, model, tf.math.mean(perExample, tf.constant(0)), labels, learningRate);
  }

  /** Mean sigmoid cross-entropy {@code softplus(x) - x z} against float labels [B]. */
  static GradientDescentHarness binary(Ops tf, Model model, float learningRate) {
    Operand<TFloat32> labels = tf.withName("labels").placeholder(TFloat32.class);
    Operand<TFloat32> x = model.logits();
    Operand<TFloat32> perExample = tf.math.sub(tf.math.softplus(x), tf.math.mul(x, labels));
    return new GradientDescentHarness(tf, model, tf.math.mean(perExample, tf.constant(0)), labels, learningRate);
  }

  /** One step in training mode; returns the loss before the update. */
  float step(Session session, Map<String, Tensor> inputs, Tensor labelTensor) {
    Session.Runner runner = feed(session.runner(), inputs, labelTensor);
    try (TBool training = TBool.scalarOf(true)) {
      runner.feed(model.training(), training);
      trainOps.forEach(runner::addTarget);
      try (Result r = runner.fetch(loss).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  /** Loss without training (inference mode, training flag left at its default). */
  float evalLoss(Session session, Map<String, Tensor> inputs, Tensor labelTensor) {
    try (Result r = feed(session.runner(), inputs, labelTensor).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  private Session.Runner feed(Session.Runner runner, Map<String, Tensor> inputs, Tensor labelTensor) {
    for (Map.Entry<String, Tensor> in : inputs.entrySet()) {
      runner.feed(model.inputs().get(in.getKey()), in.getValue());
    }
    return runner.feed(labels, labelTensor);
  }
}
