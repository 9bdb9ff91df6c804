package dev.lawn.models;

import dev.lawn.ops.TrainableVariable;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A model built into a graph: its inputs, logits, training flag, variables and update ops. This is
 * the contract {@code lawn-train} builds its training and evaluation steps on.
 *
 * <p>For a training step: feed the inputs and {@code training = true}, run the variable updates
 * together with {@link #updateOps()}, and put every variable update behind a control dependency on
 * all gradients. The variables are {@code VariableV2} (ref) variables whose reads alias their
 * buffers, so an in-place update that runs while back-propagation still reads the variable changes
 * other gradients (TF1 avoided this with {@code gate_gradients}); measured here without the gate:
 * run-to-run loss differences of about 1e-3 after one step.
 */
public interface Model {

  /** Zoo name of the model, e.g. {@code "ncf-mlp"} or {@code "resnet50"}. */
  String name();

  /**
   * Input placeholders by feature name: recommendation "user","item" (TInt32 [B]); images "image"
   * (TFloat32 [B,H,W,C]). Batch dim dynamic (-1).
   */
  Map<String, Operand<?>> inputs();

  /** Logits: [B] for binary (NCF) models, [B, numClasses] for classifiers. */
  Operand<TFloat32> logits();

  /**
   * Boolean training flag: a PlaceholderWithDefault(false), so serving/eval need not feed it; the
   * trainer feeds true for train steps.
   */
  Operand<TBool> training();

  /** Every trainable variable with its layer and role, in build order. */
  List<TrainableVariable> trainableVariables();

  /**
   * Ops to run with each training step (batch-norm moving statistics); empty if none. They read the
   * batch statistics of the same run, so run them in the training step's {@code session.run}.
   */
  List<Op> updateOps();

  /** Keras-like summary text. */
  String summary();

  /** Number of trainable scalar parameters. */
  long parameterCount();
}
