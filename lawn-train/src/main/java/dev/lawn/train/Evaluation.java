package dev.lawn.train;

import java.util.Map;
import org.tensorflow.Session;

/**
 * Scores the model at the end of an evaluation epoch: metric name to value, higher is better for the
 * {@link #selectionMetric()} that picks the best checkpoint. {@link Evaluations} has the standard ones.
 */
@FunctionalInterface
public interface Evaluation {

  /** The metrics of the model as the session holds it now. */
  Map<String, Double> evaluate(Session session);

  /** The metric that picks the best checkpoint (higher is better), or null for none. */
  default String selectionMetric() {
    return null;
  }

  /** No evaluation: rows hold only the training columns. */
  static Evaluation none() {
    return session -> Map.of();
  }

  /** {@code evaluation} with {@code metric} picking the best checkpoint. */
  static Evaluation selecting(String metric, Evaluation evaluation) {
    return new Evaluation() {
      @Override
      public Map<String, Double> evaluate(Session session) {
        return evaluation.evaluate(session);
      }

      @Override
      public String selectionMetric() {
        return metric;
      }
    };
  }
}
