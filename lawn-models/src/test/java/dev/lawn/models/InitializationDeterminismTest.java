package dev.lawn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lawn.ops.TrainableVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** Initial values depend only on the seed and the variable's path in the model. */
class InitializationDeterminismTest {

  @Test
  void sameSeedGivesSameValuesInTwoGraphs() {
    ClassifierOptions opts = ClassifierOptions.defaults().withWidthMultiplier(0.125);
    Function<Ops, Model> resnet = tf -> ModelZoo.classifier(tf, "resnet18", 32, 32, 3, 10, opts);
    List<float[]> a = initialValues(resnet);
    List<float[]> b = initialValues(resnet);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "variable " + i);
    }
    // A sub-scope (e.g. a tower) does not change the values either.
    List<float[]> scoped = initialValues(tf -> resnet.apply(tf.withSubScope("tower1")));
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), scoped.get(i), "variable " + i);
    }
  }

  @Test
  void anotherSeedGivesOtherValues() {
    RecommenderOptions opts = RecommenderOptions.defaults();
    List<float[]> a = initialValues(tf -> ModelZoo.recommender(tf, "ncf-mlp", 10, 10, opts));
    List<float[]> b = initialValues(tf -> ModelZoo.recommender(tf, "ncf-mlp", 10, 10, opts.withSeed(43)));
    assertFalse(Arrays.equals(a.get(0), b.get(0)));
    // Two variables of one model with the same shape get different values (per-path seeds).
    assertFalse(Arrays.equals(a.get(0), a.get(1)));
  }

  private static List<float[]> initialValues(Function<Ops, Model> build) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Model m = build.apply(Ops.create(g));
      s.initialize();
      List<float[]> values = new ArrayList<>();
      for (TrainableVariable v : m.trainableVariables()) {
        try (Result r = s.runner().fetch(v.variable()).run()) {
          values.add(TestTensors.floats(r.get(0)));
        }
      }
      return values;
    }
  }
}
