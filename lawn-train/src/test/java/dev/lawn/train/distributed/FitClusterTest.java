package dev.lawn.train.distributed;

import static dev.lawn.train.distributed.RunComparison.assertRowsClose;
import static dev.lawn.train.distributed.RunComparison.assertWeightsClose;
import static dev.lawn.train.distributed.RunComparison.finalWeights;
import static dev.lawn.train.distributed.RunComparison.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.models.Model;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.train.Callback;
import dev.lawn.train.Evaluation;
import dev.lawn.train.Fit;
import dev.lawn.train.FitContext;
import dev.lawn.train.FitModel;
import dev.lawn.train.History;
import dev.lawn.train.Optimization;
import dev.lawn.train.Task;
import dev.lawn.train.Tasks;
import dev.lawn.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * {@link Fit.Builder#replicate(Placement, java.util.function.Function)} on two worker JVMs on loopback,
 * this JVM the client feeding the batches: an NCF model of the synthetic ratings (a lawn-models
 * {@code Model}, built by the task) fits like on one local device, keeps LAWN's invariant, names a
 * dead worker and resumes elsewhere; wrong settings fail in {@code build()} and write nothing.
 */
class FitClusterTest extends LoopbackClusterTest {

  static final int EPOCHS = 4;
  static final Optimization ADAM_LAWN = Optimization.withLawn(OptimizerSpec.Kind.ADAM, 3e-3, 1,
      Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2)));
  /** Towers against one device: the gradients summed per tower differ by float rounding (see ClusterTrainingTest). */
  static final double TOLERANCE = 1e-5;

  /** The task that loads the synthetic ratings and builds the NCF model (its seed orders the batches). */
  static Task task() {
    return Tasks.load(config());
  }

  /** The task's settings (only its data, model and seed matter here: the fit takes the rest from its builder). */
  static TrainConfig config() {
    return RunComparison.config(data, "adam-lawn", 256, EPOCHS, "2");
  }

  /**
   * A fit of the task's model in {@code graph}, on {@code placement} (null: one device, no
   * replication), its model passed through {@code model} (to make it a graph of one's own).
   */
  static Fit.Builder fit(Graph graph, Task task, Placement placement, Optimization optimization,
      UnaryOperator<FitModel> model) {
    Ops tf = Ops.create(graph);
    Model ncf = task.buildModel(tf);
    task.prepareEvaluation(tf, ncf);
    FitModel fitModel = model.apply(FitModel.of(ncf, task.labelPlaceholder(tf)));
    Fit.Builder b = Fit.builder(graph, fitModel)
        .data(task.trainingStream(256))
        .optimization(optimization)
        .epochs(EPOCHS)
        .evaluation(Evaluation.selecting(task.selectionMetric(), s -> task.evaluate(s, ncf)))
        .seed(3);
    return placement == null ? b : b.replicate(placement, task::buildModel);
  }

  static History run(Path dir, Placement placement, Callback... callbacks) throws IOException {
    try (Task task = task(); Graph g = new Graph()) {
      Fit.Builder b = fit(g, task, placement, ADAM_LAWN, m -> m).runDirectory(dir);
      Arrays.stream(callbacks).forEach(b::callback);
      try (Fit fit = b.build()) {
        return fit.run();
      }
    }
  }

  static Placement cluster() {
    return Placement.of(null, workers.cluster.toString(), STEP_TIMEOUT_SECONDS); // cpu:0 of each worker
  }

  static String towers() {
    return "/job:worker/replica:0/task:0/device:CPU:0,/job:worker/replica:0/task:1/device:CPU:0";
  }

  @Test
  void aFitOnTwoWorkersTrainsLikeOnOneDeviceAndKeepsLawnsInvariant() throws IOException {
    run(dir.resolve("fit-one"), null);
    History two = run(dir.resolve("fit-cluster"), cluster());

    double[] loss = two.column("loss");
    assertTrue(loss[EPOCHS - 1] < loss[0], "the loss falls: " + Arrays.toString(loss));
    assertRowsClose(rows(dir.resolve("fit-one")), rows(dir.resolve("fit-cluster")), TOLERANCE);
    assertWeightsClose(finalWeights(config(), dir.resolve("fit-one")), finalWeights(config(), dir.resolve("fit-cluster")),
        TOLERANCE);
    assertEquals(List.of("free", "free", "constrained", "constrained"), two.rows().stream().map(r -> r.get("phase")).toList());
    // LAWN's invariant on the cluster: from the switch (end of epoch 2) on, every constrained group keeps its norm.
    List<String> norms = two.rows().get(0).keySet().stream().filter(k -> k.startsWith("norm/")).toList();
    assertFalse(norms.isEmpty(), two.rows().get(0).keySet().toString());
    for (String column : norms) {
      double[] c = two.column(column);
      for (int epoch = 2; epoch < EPOCHS; epoch++) {
        assertTrue(Math.abs(c[epoch] - c[1]) <= 1e-5 * c[1], column + " stays at its switch value: " + Arrays.toString(c));
      }
    }
    // The devices and the cluster are recorded; LAWN ran in graph ops there (the default AUTO).
    assertEquals(towers(), two.summary().get("devices"));
    assertEquals(workers.cluster.toString(), two.summary().get("cluster"));
    assertEquals("graph-ops", two.summary().get("lawn_kernels"));
    JsonNode config = RunComparison.JSON.readTree(dir.resolve("fit-cluster/config.json").toFile());
    assertEquals(towers(), config.get("devices").asText());
    assertEquals(workers.cluster.toString(), config.get("cluster").asText());
    assertTrue(RunComparison.JSON.readTree(dir.resolve("fit-one/config.json").toFile()).get("cluster").isNull());
  }

  @Test
  void aKilledWorkerEndsTheFitNamingItAndTheFitResumesOnOneDevice() throws IOException {
    run(dir.resolve("fit-straight"), null);
    Path run = dir.resolve("fit-killed");
    Callback killer = new Callback() {
      @Override
      public void onEpochBegin(FitContext context, int epoch) {
        if (epoch == 2) {
          workers.kill(1);
        }
      }
    };
    ClusterFailureException e = assertTimeoutPreemptively(Duration.ofSeconds(3L * STEP_TIMEOUT_SECONDS),
        () -> assertThrows(ClusterFailureException.class, () -> run(run, cluster(), killer)));
    assertTrue(e.getMessage().startsWith("cluster " + workers.cluster + ": worker task 1 (" + workers.cluster.address(1)
        + ") is down"), e.getMessage());
    assertTrue(e.getMessage().contains("checkpoints/ckpt-000002"), e.getMessage());
    assertFalse(Files.exists(run.resolve("summary.json")));

    // The checkpoint holds the one set of variables: the fit resumes without the cluster.
    List<String> messages = new ArrayList<>();
    Callback listen = new Callback() {
      @Override
      public void onMessage(String message) {
        messages.add(message);
      }
    };
    History resumed = run(run, null, listen);
    assertEquals(EPOCHS, resumed.rows().size());
    assertTrue(messages.stream().anyMatch(m -> m.startsWith("resumed from")
        && m.endsWith("; written on " + towers() + ", resumed on one device)")), messages.toString());
    assertRowsClose(rows(dir.resolve("fit-straight")), rows(run), TOLERANCE);
    assertWeightsClose(finalWeights(config(), dir.resolve("fit-straight")), finalWeights(config(), run), TOLERANCE);
  }

  @Test
  void wrongSettingsFailInBuildNamingReplicateAndWriteNothing() throws IOException {
    UnaryOperator<FitModel> ownGraph = m -> new FitModel(m.inputs(), m.logits(), m.label(), m.training(), m.variables(),
        m.updateOps()); // the same graph, but not known as a lawn-models Model
    Optimization fused = Optimization.withLawn(OptimizerSpec.Kind.ADAM, 3e-3, 1,
        Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2)).withKernels(KernelChoice.FUSED));
    String cluster = workers.cluster.toString();
    record Case(Placement placement, Optimization optimization, UnaryOperator<FitModel> model) {}
    Map<String, Case> cases = new LinkedHashMap<>();
    cases.put("Fit.Builder.replicate needs a FitModel of a lawn-models Model", new Case(cluster(), ADAM_LAWN, ownGraph));
    // The workers offer cpu:0 only (no --virtual-cpus): found missing when build() opens the session.
    cases.put("Fit.Builder.replicate: no device /job:worker/replica:0/task:0/device:CPU:1",
        new Case(Placement.of("cpu:0,cpu:1", cluster, STEP_TIMEOUT_SECONDS), ADAM_LAWN, m -> m));
    cases.put("Fit.Builder.replicate: LAWN's fused kernels", new Case(cluster(), fused, m -> m));
    cases.put("Fit.Builder.replicate: worker input", new Case(Placement.of(null, cluster, STEP_TIMEOUT_SECONDS, true),
        ADAM_LAWN, m -> m));
    int n = 0;
    for (Map.Entry<String, Case> c : cases.entrySet()) {
      Path out = dir.resolve("fit-wrong-" + n++);
      try (Task task = task(); Graph g = new Graph()) {
        Fit.Builder b = fit(g, task, c.getValue().placement(), c.getValue().optimization(), c.getValue().model())
            .runDirectory(out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build().close(), c.getKey());
        assertTrue(e.getMessage().startsWith(c.getKey()) && !e.getMessage().contains("\n"), e.getMessage());
      }
      assertFalse(Files.exists(out), out + " is not created");
    }
  }
}
