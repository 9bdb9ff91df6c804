package dev.lawn.train.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.models.Model;
import dev.lawn.models.ModelZoo;
import dev.lawn.models.RecommenderOptions;
import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.Lawn;
import dev.lawn.ops.LossGradients;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.optim.BaseOptimizer;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.schedule.ConstantRate;
import dev.lawn.train.loss.LossConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Towers against one device, step by step, with Adam-LAWN through its switch: the same losses and
 * the same weights, for 2 and 4 virtual CPU devices and batches that do not split evenly.
 */
class TowerReplicationTest {

  static final int USERS = 40;
  static final int ITEMS = 70;
  static final int FREE_STEPS = 4;
  static final int CONSTRAINED_STEPS = 4;
  /** Batch sizes of the steps: uneven splits over 2 and 4 towers, and one batch smaller than 4 towers. */
  static final int[] BATCHES = {64, 61, 50, 3, 64, 63, 57, 64};

  static final Function<Ops, Model> NCF = tf -> ModelZoo.recommender(tf, "ncf-mlp", USERS, ITEMS,
      RecommenderOptions.defaults().withSeed(5).withEmbeddingDim(8).withHiddenUnits(List.of(16, 8)));

  /** Per-step losses and final weights of one training. */
  record Trace(float[] losses, List<float[]> weights) {}

  @Test
  void twoAndFourTowersTrainLikeOneDevice() {
    Trace one = train(Placement.singleDevice());
    for (String devices : List.of("cpu:0,cpu:1", "cpu:0,cpu:1,cpu:2,cpu:3")) {
      Trace towers = train(Placement.of(devices, null, 0));
      for (int s = 0; s < one.losses().length; s++) {
        assertClose(one.losses()[s], towers.losses()[s], 1e-5, devices + " step " + s + " loss");
      }
      for (int v = 0; v < one.weights().size(); v++) {
        assertClose(one.weights().get(v), towers.weights().get(v), 1e-5, devices + " variable " + v);
      }
    }
  }

  @Test
  void towersRunOnTheirOwnDevices() {
    Placement placement = Placement.of("cpu:0,cpu:1", null, 0);
    try (Graph g = new Graph()) {
      Ops tf = placement.parameterScope(Ops.create(g));
      Model model = NCF.apply(tf);
      Towers towers = Towers.forward(tf, placement.towerDevices(), NCF, model);
      Operand<TFloat32> loss = tf.math.mean(tf.math.square(towers.logits()), tf.constant(0));
      towers.gradients(loss);
      int onTower1 = 0;
      for (var it = g.operations(); it.hasNext(); ) {
        var op = it.next();
        if (op.name().startsWith("tower_1")) {
          onTower1++;
          assertTrue(op.device().endsWith("CPU:1") || op.device().isEmpty(), op.name() + " on " + op.device());
        }
      }
      assertTrue(onTower1 > 20, "tower 1 has forward and backward ops: " + onTower1);
      assertThrows(IllegalStateException.class, () -> towers.gradients(loss));
    }
  }

  @Test
  void aMissingDeviceIsNamed() {
    Placement placement = Placement.of("cpu:0,gpu:3", null, 0);
    try (Graph g = new Graph()) {
      Ops tf = placement.parameterScope(Ops.create(g));
      tf.constant(1f);
      var e = assertThrows(IllegalArgumentException.class,
          () -> placement.openSession(g, placement.configure(ConfigProto.getDefaultInstance())));
      assertTrue(e.getMessage().contains("/device:GPU:3"), e.getMessage());
    }
  }

  static Trace train(Placement placement) {
    try (Graph g = new Graph()) {
      Ops tf = placement.parameterScope(Ops.create(g));
      Model model = NCF.apply(tf);
      Placeholder<TFloat32> label = tf.withName("label").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Towers towers = placement.replicated() ? Towers.forward(tf, placement.towerDevices(), NCF, model) : null;
      Operand<TFloat32> logits = towers == null ? model.logits() : towers.logits();
      Operand<TFloat32> loss = LossConfig.of("bce").create().mean(tf, logits, label);
      List<TrainableVariable> variables = model.trainableVariables();
      List<Operand<TFloat32>> gradients = towers == null ? LossGradients.of(tf, loss, variables)
          : LossGradients.gated(tf, towers.gradients(loss));
      BaseOptimizer base = OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM, 0).build(tf, "optimizer", variables,
          new ConstantRate(3e-2));
      Lawn lawn = Lawn.over(base).groups(GroupSelector.perLayer()).build(tf, gradients);
      float[] losses = new float[BATCHES.length];
      List<float[]> weights = new ArrayList<>();
      try (Session session = placement.openSession(g, placement.configure(ConfigProto.getDefaultInstance()));
          TBool yes = TBool.scalarOf(true)) {
        session.initialize();
        Random random = new Random(11);
        for (int s = 0; s < BATCHES.length; s++) {
          if (s == FREE_STEPS) {
            session.run(lawn.switchOp());
          }
          int n = BATCHES[s];
          int[] users = new int[n];
          int[] items = new int[n];
          float[] labels = new float[n];
          for (int i = 0; i < n; i++) {
            users[i] = random.nextInt(USERS);
            items[i] = random.nextInt(ITEMS);
            labels[i] = (users[i] + items[i]) % 3 == 0 ? 1 : 0;
          }
          try (TInt32 u = TInt32.vectorOf(users); TInt32 it = TInt32.vectorOf(items); TFloat32 y = TFloat32.vectorOf(labels);
              Result r = session.runner().feed(model.inputs().get("user"), u).feed(model.inputs().get("item"), it)
                  .feed(label, y).feed(model.training(), yes)
                  .addTarget(s < FREE_STEPS ? lawn.freeStep() : lawn.constrainedStep()).fetch(loss).run()) {
            losses[s] = ((TFloat32) r.get(0)).getFloat();
          }
        }
        for (TrainableVariable v : variables) {
          try (Result r = session.runner().fetch(tf.identity(v.variable())).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] values = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(values);
            weights.add(values);
          }
        }
      }
      return new Trace(losses, weights);
    }
  }

  static void assertClose(float expected, float actual, double rel, String what) {
    assertTrue(Math.abs(expected - actual) <= rel * Math.max(1e-6, Math.abs(expected)),
        what + ": " + expected + " vs " + actual);
  }

  /** Relative to the tensor's norm: ||a - b|| <= rel ||a||. */
  static void assertClose(float[] expected, float[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length, what);
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < expected.length; i++) {
      diff += (expected[i] - actual[i]) * (double) (expected[i] - actual[i]);
      norm += expected[i] * (double) expected[i];
    }
    assertTrue(Math.sqrt(diff) <= rel * Math.max(1e-12, Math.sqrt(norm)),
        what + ": relative difference " + Math.sqrt(diff / Math.max(1e-24, norm)));
  }
}
