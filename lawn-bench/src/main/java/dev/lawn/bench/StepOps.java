package dev.lawn.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;

/**
 * How many graph operations running {@code op} as a target executes: its transitive data and control
 * inputs. On small models each op costs a roughly fixed dispatch overhead, so the count explains much
 * of a step's time.
 */
final class StepOps {

  private StepOps() {}

  /** The number of operations {@code target} depends on, itself included. */
  static int count(Op target) {
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.push((GraphOperation) target.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (!seen.add(op)) {
        continue;
      }
      for (Operand<?> input : op.inputs()) {
        todo.push((GraphOperation) input.op());
      }
      todo.addAll(op.controlInputs());
    }
    return seen.size();
  }
}
