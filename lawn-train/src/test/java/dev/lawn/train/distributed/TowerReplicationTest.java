package dev.lawn.train.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelBuilder;
import dev.lawn.models.layers.Activation;
import dev.lawn.models.layers.ActivationFunction;
import dev.lawn.models.layers.BatchNorm;
import dev.lawn.models.layers.Dense;
import dev.lawn.models.layers.Flatten;
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

  static final int IMAGE = 8;
  static final int CLASSES = 3;
  static final Function<Ops, Model> CNN = tf -> ModelZoo.classifier(tf, "small-cnn", IMAGE, IMAGE, 1, CLASSES,
      ClassifierOptions.defaults().withSeed(5).withWidthMultiplier(0.25));
  /** flatten - dense(16) - batch norm - relu - dense(classes): the smallest model with moving statistics. */
  static final Function<Ops, Model> BATCH_NORM = tf -> {
    ModelBuilder b = ModelBuilder.create(tf, 5);
    Operand<TFloat32> x = new Flatten().apply(b.context(), b.imageInput("image", IMAGE, IMAGE, 1));
    x = new Dense(16, ActivationFunction.LINEAR).apply(b.context(), x);
    x = new BatchNorm().apply(b.context(), x);
    x = new Activation(ActivationFunction.RELU).apply(b.context(), x);
    return b.build("bn-mlp", new Dense("classifier", CLASSES, ActivationFunction.LINEAR).apply(b.context(), x));
  };

  static Operand<?> classLabels(Ops tf, Model model) {
    return tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  static void assertSame(Trace expected, Trace actual, String what) {
    for (int s = 0; s < expected.losses().length; s++) {
      assertClose(expected.losses()[s], actual.losses()[s], 1e-5, what + " step " + s + " loss");
    }
    for (int v = 0; v < expected.weights().size(); v++) {
      assertClose(expected.weights().get(v), actual.weights().get(v), 1e-5, what + " variable " + v);
    }
  }

  /** Per-step losses and final weights (trainable, then non-trainable) of one training. */
  record Trace(float[] losses, List<float[]> weights) {}

  @Test
  void twoAndFourTowersTrainLikeOneDevice() {
    Trace one = train(Placement.singleDevice());
    for (String devices : List.of("cpu:0,cpu:1", "cpu:0,cpu:1,cpu:2,cpu:3")) {
      assertSame(one, train(Placement.of(devices, null, 0)), devices);
    }
  }

  @Test
  void aConvolutionalClassifierOnTwoTowersTrainsLikeOneDevice() {
    Trace one = train(Placement.singleDevice(), CNN, "softmax-ce", TowerReplicationTest::classLabels,
        TowerReplicationTest::images);
    Trace towers = train(Placement.of("cpu:0,cpu:1", null, 0), CNN, "softmax-ce", TowerReplicationTest::classLabels,
        TowerReplicationTest::images);
    assertSame(one, towers, "small-cnn on 2 towers");
  }

  @Test
  void batchNormOnOneTowerEqualsOneDeviceAndOnTwoUpdatesItsStatistics() {
    Trace one = train(Placement.singleDevice(), BATCH_NORM, "softmax-ce", TowerReplicationTest::classLabels,
        TowerReplicationTest::images);
    Trace tower = train(Placement.of("cpu:1", null, 0), BATCH_NORM, "softmax-ce", TowerReplicationTest::classLabels,
        TowerReplicationTest::images);
    assertSame(one, tower, "batch norm on one tower");
    // Two towers normalize each half with its own statistics: not the same numbers, but the same
    // kind of training, and tower 0 keeps the moving statistics moving.
    Trace two = train(Placement.of("cpu:0,cpu:1", null, 0), BATCH_NORM, "softmax-ce", TowerReplicationTest::classLabels,
        TowerReplicationTest::images);
    float[] movingMean = two.weights().get(two.weights().size() - 2);
    assertTrue(java.util.stream.IntStream.range(0, movingMean.length).anyMatch(i -> movingMean[i] != 0f),
        "moving mean updated");
    for (float l : two.losses()) {
      assertTrue(Float.isFinite(l));
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
    return train(placement, NCF, "bce", (tf, model) -> tf.withName("label").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1))), TowerReplicationTest::ratings);
  }

  /** Step {@code s}'s inputs by feature name, and its labels last. */
  interface Batches {
    List<org.tensorflow.Tensor> make(int step, Random random);
  }

  static List<org.tensorflow.Tensor> ratings(int step, Random random) {
    int n = BATCHES[step];
    int[] users = new int[n];
    int[] items = new int[n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      users[i] = random.nextInt(USERS);
      items[i] = random.nextInt(ITEMS);
      labels[i] = (users[i] + items[i]) % 3 == 0 ? 1 : 0;
    }
    return List.of(TInt32.vectorOf(users), TInt32.vectorOf(items), TFloat32.vectorOf(labels));
  }

  static List<org.tensorflow.Tensor> images(int step, Random random) {
    int n = BATCHES[step];
    float[] pixels = new float[n * IMAGE * IMAGE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(CLASSES);
      for (int p = 0; p < IMAGE * IMAGE; p++) {
        pixels[i * IMAGE * IMAGE + p] = (float) random.nextGaussian() + (p % CLASSES == labels[i] ? 1f : 0f);
      }
    }
    return List.of(TFloat32.tensorOf(Shape.of(n, IMAGE, IMAGE, 1), org.tensorflow.ndarray.buffer.DataBuffers.of(pixels)),
        TInt32.vectorOf(labels));
  }

  static Trace train(Placement placement, Function<Ops, Model> factory, String lossName,
      java.util.function.BiFunction<Ops, Model, Operand<?>> labelPlaceholder, Batches batches) {
    try (Graph g = new Graph()) {
      Ops tf = placement.parameterScope(Ops.create(g));
      Model model = factory.apply(tf);
      Operand<?> label = labelPlaceholder.apply(tf, model);
      Towers towers = placement.replicated() ? Towers.forward(tf, placement.towerDevices(), factory, model) : null;
      Operand<TFloat32> logits = towers == null ? model.logits() : towers.logits();
      Operand<TFloat32> loss = LossConfig.of(lossName).create().mean(tf, logits, label);
      List<TrainableVariable> variables = model.trainableVariables();
      List<Operand<TFloat32>> gradients = towers == null ? LossGradients.of(tf, loss, variables)
          : LossGradients.gated(tf, towers.gradients(loss));
      List<org.tensorflow.op.Op> updates = towers == null ? model.updateOps() : towers.updateOps();
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
          List<org.tensorflow.Tensor> batch = batches.make(s, random);
          try {
            Session.Runner runner = session.runner();
            int i = 0;
            for (Operand<?> input : model.inputs().values()) {
              runner.feed(input, batch.get(i++));
            }
            runner.feed(label, batch.get(i)).feed(model.training(), yes)
                .addTarget(s < FREE_STEPS ? lawn.freeStep() : lawn.constrainedStep());
            updates.forEach(runner::addTarget);
            try (Result r = runner.fetch(loss).run()) {
              losses[s] = ((TFloat32) r.get(0)).getFloat();
            }
          } finally {
            batch.forEach(org.tensorflow.Tensor::close);
          }
        }
        List<org.tensorflow.op.core.Variable<TFloat32>> all = new ArrayList<>();
        variables.forEach(v -> all.add(v.variable()));
        if (model instanceof dev.lawn.models.GraphModel gm) {
          all.addAll(gm.nonTrainableVariables());
        }
        for (var v : all) {
          try (Result r = session.runner().fetch(tf.identity(v)).run()) {
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
