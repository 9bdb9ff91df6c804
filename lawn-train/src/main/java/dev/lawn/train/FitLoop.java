package dev.lawn.train;

import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.ops.SwitchPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;

/**
 * The epoch loop every fit runs ({@link Fit} and {@code lawn train} alike): restore, then per epoch
 * train the passes, let the callbacks guard, switch automatically if due, evaluate, and let the
 * callbacks log and checkpoint; at the end the summary.
 */
final class FitLoop {

  /**
   * The loop's fixed inputs.
   *
   * @param devices the tower devices as {@code --devices} writes them, or null for one device
   */
  record Settings(Plan plan, BatchStream stream, Evaluation evaluation, SwitchPolicy policy, double warmupEpochs,
      String switchLabel, int evalEvery, Path runDirectory, Map<String, Object> summaryExtras, String devices) {}

  private final TrainingGraph g;
  private final Settings s;
  private final List<Callback> callbacks;
  private final FitContext context;
  private final PhaseSwitch phase;
  /** The CPU and kernel choice that decide this process's arithmetic (summary.json records them). */
  private final ComputeEnvironment machine = ComputeEnvironment.current();
  /** The rows of this process. */
  private final List<Map<String, Object>> evaluated = new ArrayList<>();

  FitLoop(TrainingGraph g, Session session, Settings settings, List<Callback> callbacks) {
    this.g = g;
    this.s = settings;
    this.callbacks = List.copyOf(callbacks);
    this.context = new FitContext(session, g, settings.plan(), settings.runDirectory(), this.callbacks,
        settings.evaluation().selectionMetric(), settings.devices());
    this.phase = new PhaseSwitch(g, context, settings.policy(), settings.warmupEpochs(), this.callbacks);
  }

  History run() throws IOException {
    History history;
    try {
      if (s.runDirectory() != null) {
        RunFailure.clear(s.runDirectory()); // trained again: an earlier failure no longer describes the run
      }
      history = train();
    } catch (IOException | RuntimeException | Error e) {
      if (s.runDirectory() != null) {
        RunFailure.record(s.runDirectory(), e, context.state().epoch());
      }
      for (Callback c : callbacks) {
        try {
          c.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    closeAll();
    return history;
  }

  private History train() throws IOException {
    try (TBool yes = TBool.scalarOf(true)) {
      restore();
      int first = context.firstEpoch();
      for (Callback c : callbacks) {
        c.onTrainBegin(context);
      }
      OneDnnHazard.warning(g.tf.scope().env(), machine).ifPresent(context::message);
      EpochPasses passes = new EpochPasses(g, s.plan(), context, phase, callbacks, s.switchLabel());
      int passesPerEpoch = s.stream() == null ? s.plan().passesPerEpoch() : s.stream().batchesPerEpoch();
      // One stream over all remaining epochs (tf.data's repeat): the producer samples and shuffles the
      // next epoch while this one trains, so no epoch starts on an empty queue.
      try (BatchIterator batches = s.stream() == null ? null : s.stream().epochs(first, s.plan().epochs() - first)) {
        for (int epoch = first; epoch < s.plan().epochs() && context.stopReason() == null; epoch++) {
          for (Callback c : callbacks) {
            c.onEpochBegin(context, epoch);
          }
          phase.refresh();
          EpochPasses.Result trained = passes.train(batches, passesPerEpoch, epoch, yes);
          endEpoch(epoch + 1, trained);
        }
      }
      Map<String, Object> summary = summary();
      if (s.runDirectory() != null) {
        Files.createDirectories(s.runDirectory());
        RunDirectory.writeJsonAtomically(s.runDirectory().resolve(RunDirectory.SUMMARY), summary);
      }
      for (Callback c : callbacks) {
        c.onTrainEnd(context, summary);
      }
      return new History(rows(), summary);
    }
  }

  /** The first {@link Callback.Resumable}'s saved state, if any: the variables and the state it restores. */
  private void restore() throws IOException {
    for (Callback c : callbacks) {
      if (c instanceof Callback.Resumable r) {
        Optional<FitState> state = r.restore(context);
        state.ifPresent(context::state);
        break;
      }
    }
    context.firstEpoch(context.state().epoch());
  }

  private void endEpoch(int completed, EpochPasses.Result trained) throws IOException {
    double loss = context.fetch(g.epochLoss);
    long step = context.globalStep();
    for (Callback c : callbacks) {
      c.onEpochTrained(context, completed, step, loss); // the NaN guard stops here, before any output
    }
    context.state(context.state().afterEpoch(trained.seconds(), trained.samples(), trained.waitNanos(), loss,
        trained.margins().p50()));
    phase.decideAtEpochEnd(completed, step);
    if (completed % s.evalEvery() == 0 || completed == s.plan().epochs()) {
      Map<String, Object> row = EpochRow.of(g, context, s.evaluation(), completed, step, loss, trained,
          phase.constrained());
      context.state(context.state().withLastRow(row));
      evaluated.add(row);
      for (Callback c : callbacks) {
        c.onEvaluation(context, row);
      }
    }
    for (Callback c : callbacks) {
      c.onEpochEnd(context, completed);
    }
  }

  private Map<String, Object> summary() {
    FitState st = context.state();
    Map<String, Object> out = new LinkedHashMap<>(st.lastRow());
    out.put("wall_seconds", context.wallSeconds());
    out.put("train_samples_per_second", st.samples() / Math.max(st.trainSeconds(), 1e-9));
    out.put("input_wait_fraction", st.waitNanos() / 1e9 / Math.max(st.trainSeconds(), 1e-9));
    out.put("switch_epoch", st.switchEpoch());
    out.put("switch_reason", st.switchReason());
    out.put("switch_rule", phase.ruleName());
    out.put("best_epoch", st.bestEpoch());
    if (context.selectionMetric() != null) {
      out.put("best_" + context.selectionMetric(), st.bestMetric());
    }
    if (context.stopReason() != null) {
      out.put("stopped_early", context.stopReason());
    }
    out.put("parameters", context.parameterCount());
    out.putAll(machine.summaryFields());
    if (context.lawnKernels() != null) {
      out.put("lawn_kernels", context.lawnKernels());
    }
    out.putAll(s.summaryExtras());
    return out;
  }

  /** Every row of the run: from its {@code metrics.jsonl} when it has a folder, else this process's. */
  private List<Map<String, Object>> rows() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (s.runDirectory() != null && RunReader.hasMetrics(s.runDirectory())) {
      RunReader.metrics(s.runDirectory()).forEach(row -> out.add(row.fields()));
    } else {
      out.addAll(evaluated);
    }
    return out;
  }

  private void closeAll() throws IOException {
    IOException first = null;
    for (Callback c : callbacks) {
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
