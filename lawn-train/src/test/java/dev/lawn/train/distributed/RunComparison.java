package dev.lawn.train.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.ops.TrainableVariable;
import dev.lawn.train.Task;
import dev.lawn.train.Tasks;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.TrainingListener;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/** Configurations of small NCF runs and the comparisons of two runs' logs and weights. */
final class RunComparison {

  static final ObjectMapper JSON = new ObjectMapper();

  private RunComparison() {}

  /** NCF-MLP on the synthetic ratings in {@code data}, checkpointed every epoch. */
  static TrainConfig config(Path data, String optimizer, int batch, int epochs, String eFree) {
    return config(data, optimizer, batch, 0, epochs, eFree);
  }

  /** The same, with {@code micro}-example passes accumulated into each step (0 = automatic). */
  static TrainConfig config(Path data, String optimizer, int batch, int micro, int epochs, String eFree) {
    return TrainConfig.builder().dataDir(data.toString()).optimizer(optimizer).lr(3e-3).batchSize(batch)
        .microBatchSize(micro).epochs(epochs).warmupEpochs(1).eFree(eFree).seed(3).threads(1).build();
  }

  /** Records the running epoch loss after every optimizer step. */
  static final class StepLosses implements TrainingListener {
    final List<Double> losses = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    @Override
    public void onStep(int epoch, int step, int stepsPerEpoch, java.util.function.DoubleSupplier loss) {
      losses.add(loss.getAsDouble());
    }

    @Override
    public void onMessage(String message) {
      messages.add(message);
    }
  }

  static List<JsonNode> rows(Path run) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  /** Every numeric value of two runs' metric rows agrees to {@code rel} (timings excluded). */
  static void assertRowsClose(List<JsonNode> a, List<JsonNode> b, double rel) {
    assertEquals(a.size(), b.size(), "rows");
    for (int i = 0; i < a.size(); i++) {
      for (Iterator<String> it = a.get(i).fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (key.contains("second")) {
          continue;
        }
        JsonNode x = a.get(i).get(key);
        JsonNode y = b.get(i).get(key);
        if (x.isNumber()) {
          assertClose(x.asDouble(), y.asDouble(), rel, "row " + i + " " + key);
        } else {
          assertEquals(x, y, "row " + i + " " + key);
        }
      }
    }
  }

  static void assertClose(double expected, double actual, double rel, String what) {
    assertTrue(Math.abs(expected - actual) <= rel * Math.max(1e-6, Math.abs(expected)),
        what + ": " + expected + " vs " + actual);
  }

  static void assertLossesClose(List<Double> expected, List<Double> actual, double rel) {
    assertEquals(expected.size(), actual.size(), "steps");
    for (int s = 0; s < expected.size(); s++) {
      assertClose(expected.get(s), actual.get(s), rel, "running loss after step " + s);
    }
  }

  /** The trainable variables of the run's latest checkpoint, by name. */
  static Map<String, float[]> finalWeights(TrainConfig config, Path run) throws IOException {
    Checkpoint latest = new CheckpointStore(run.resolve("checkpoints"), 3).latest().orElseThrow();
    List<String> names = new ArrayList<>();
    try (Task task = Tasks.load(config); Graph scratch = new Graph()) {
      for (TrainableVariable v : task.buildModel(Ops.create(scratch)).trainableVariables()) {
        names.add(v.name());
      }
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Class<? extends TType>> types = new ArrayList<>();
      names.forEach(n -> types.add(TFloat32.class));
      var restored = tf.train.restore(tf.constant(latest.variablesPrefix()),
          tf.constant(NdArrays.vectorOfObjects(names.toArray(new String[0]))),
          tf.constant(NdArrays.vectorOfObjects(names.stream().map(n -> "").toArray(String[]::new))), types);
      try (Session s = new Session(g)) {
        Session.Runner runner = s.runner();
        for (Operand<?> t : restored.tensors()) {
          runner.fetch(t);
        }
        try (Result r = runner.run()) {
          for (int i = 0; i < names.size(); i++) {
            TFloat32 t = (TFloat32) r.get(i);
            float[] values = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(values);
            out.put(names.get(i), values);
          }
        }
      }
    }
    return out;
  }

  /** Each variable agrees relative to its norm: {@code ||a - b|| <= rel ||a||}. */
  static void assertWeightsClose(Map<String, float[]> expected, Map<String, float[]> actual, double rel) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      float[] a = expected.get(name);
      float[] b = actual.get(name);
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < a.length; i++) {
        diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
        norm += a[i] * (double) a[i];
      }
      assertTrue(Math.sqrt(diff) <= rel * Math.max(1e-12, Math.sqrt(norm)),
          name + ": relative difference " + Math.sqrt(diff / Math.max(1e-24, norm)));
    }
  }
}
