package dev.lawn.train.callbacks;

import dev.lawn.train.Callback;
import dev.lawn.train.FitContext;
import dev.lawn.train.FitState;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointMeta;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Atomic checkpoints in the run folder's {@code checkpoints/} every {@code every} epochs and at the
 * end, the last {@code keep} kept; tracks the best epoch by the evaluation's selection metric (at
 * checkpoint epochs) and keeps its checkpoint besides. It is also what a run resumes from: the latest
 * good checkpoint's variables (the LAWN phase among them) and its {@link FitState}.
 */
public final class Checkpointer implements Callback.Resumable {

  /** The checkpoint's record of the devices that trained it: null for one device, absent in older checkpoints. */
  static final String DEVICES_KEY = "devices";

  private final int every;
  private final int keep;
  private final long seed;
  private CheckpointStore store;

  /**
   * @param every checkpoint every N epochs (and at the last one)
   * @param keep checkpoints kept (the best is kept besides)
   * @param seed the data order's seed, recorded with each checkpoint
   */
  public Checkpointer(int every, int keep, long seed) {
    if (every < 1 || keep < 1) {
      throw new IllegalArgumentException("Checkpointer: every and keep must be >= 1, got " + every + ", " + keep);
    }
    this.every = every;
    this.keep = keep;
    this.seed = seed;
  }

  private CheckpointStore store(FitContext context) {
    if (store == null) {
      if (context.runDirectory() == null) {
        throw new IllegalStateException("Checkpointer needs a run directory (Fit.Builder.runDirectory)");
      }
      store = new CheckpointStore(context.runDirectory().resolve(RunDirectory.CHECKPOINTS), keep);
    }
    return store;
  }

  @Override
  public Optional<FitState> restore(FitContext context) throws IOException {
    CheckpointStore s = store(context);
    Optional<Checkpoint> latest = s.latest();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    Checkpoint c = latest.get();
    s.restore(context.session(), c);
    CheckpointMeta meta = c.meta();
    FitState state = FitState.of(meta);
    if (state.bestEpoch() == meta.epoch() && s.best().map(b -> b.meta().epoch() != state.bestEpoch()).orElse(true)) {
      s.markBest(c); // killed between the save and the best copy
    }
    // The variables do not depend on the devices, so a run may resume on others; say so when it does.
    Object written = meta.extra().get(DEVICES_KEY);
    boolean recorded = meta.extra().containsKey(DEVICES_KEY); // checkpoints before the key: unknown
    String moved = !recorded || java.util.Objects.equals(written, context.devices()) ? ""
        : "; written on " + devicesName(written) + ", resumed on " + devicesName(context.devices());
    context.message("resumed from " + c.dir() + " (epoch " + meta.epoch() + ", step " + meta.globalStep() + ", "
        + meta.phase() + moved + ")");
    return Optional.of(state);
  }

  @Override
  public void onEpochEnd(FitContext context, int completed) throws IOException {
    boolean last = completed == context.epochs() || context.stopReason() != null;
    if (completed % every != 0 && !last) {
      return;
    }
    FitState state = context.state();
    Map<String, Object> row = state.lastRow();
    String metricName = context.selectionMetric();
    Object metric = metricName == null ? null : row.get(metricName);
    double best = state.bestMetric() == null ? Double.NEGATIVE_INFINITY : state.bestMetric();
    boolean isBest = metric instanceof Number n && Integer.valueOf(completed).equals(row.get("epoch"))
        && n.doubleValue() > best;
    if (isBest) { // before the save, so that the checkpoint of the best epoch knows it is the best
      state = state.withBest(((Number) metric).doubleValue(), completed);
      context.state(state);
    }
    Map<String, Object> extra = new java.util.LinkedHashMap<>(state.withWallSeconds(context.wallSeconds()).toExtra(seed));
    extra.put(DEVICES_KEY, context.devices()); // null: one device
    Checkpoint saved = store(context).save(context.session(), new CheckpointMeta(completed, context.globalStep(),
        context.phase(), extra));
    if (isBest) {
      store.markBest(saved);
    }
  }

  private static String devicesName(Object devices) {
    return devices == null ? "one device" : devices.toString();
  }
}
