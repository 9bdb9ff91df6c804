package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lawn.ops.VariableRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class EvaluationsTest {

  @Test
  void rankingScoresEachUsersPositiveAmongItsCandidates() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Variable<TFloat32> w = tf.withName("w").variable(tf.withInitScope().constant(1f));
      FitModel model = FitModel.builder().input("x", x).label(tf.placeholder(TFloat32.class))
          .logits(tf.math.mul(x, w)).variable("w", "scale", VariableRole.KERNEL, w).build();
      // Two users, four candidates each, positive first: user 0's positive scores best (rank 0),
      // user 1's third (rank 2).
      float[] scores = {5, 1, 2, 3, 1, 4, 0, 2};
      var candidates = new FeedBatches(4, 8, epoch -> List.<Map<String, Tensor>>of(
          Map.of("x", TFloat32.vectorOf(java.util.Arrays.copyOfRange(scores, 0, 4)),
              "label", TFloat32.vectorOf(0, 0, 0, 0)),
          Map.of("x", TFloat32.vectorOf(java.util.Arrays.copyOfRange(scores, 4, 8)),
              "label", TFloat32.vectorOf(0, 0, 0, 0))).iterator());
      try (Session session = new Session(graph)) {
        session.initialize();
        Map<String, Double> at2 = Evaluations.ranking(model, candidates, 4, 2).evaluate(session);
        assertEquals(0.5, at2.get("hr@2"), 1e-12);
        assertEquals(0.5, at2.get("ndcg@2"), 1e-12);
        Map<String, Double> at3 = Evaluations.ranking(model, candidates, 4, 3).evaluate(session);
        assertEquals(1.0, at3.get("hr@3"), 1e-12);
        assertEquals((1 + 1 / (Math.log(4) / Math.log(2))) / 2, at3.get("ndcg@3"), 1e-12);
        assertEquals("hr@3", Evaluations.ranking(model, candidates, 4, 3).selectionMetric());
      }
      assertThrows(IllegalArgumentException.class, () -> Evaluations.ranking(model, candidates, 3, 2));
    }
  }
}
