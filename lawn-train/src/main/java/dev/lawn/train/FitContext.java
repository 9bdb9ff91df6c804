package dev.lawn.train;

import dev.lawn.ops.Lawn;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** What a {@link Callback} sees of a running fit: the session, the plan, the state, and a way to stop. */
public final class FitContext {

  private final Session session;
  private final TrainingGraph graph;
  private final Plan plan;
  private final Path runDirectory;
  private final List<Callback> callbacks;
  private final long started = System.nanoTime();
  private FitState state = FitState.initial();
  private int firstEpoch;
  private final String selectionMetric;
  private String stopReason;
  private final String devices;

  FitContext(Session session, TrainingGraph graph, Plan plan, Path runDirectory, List<Callback> callbacks,
      String selectionMetric, String devices) {
    this.selectionMetric = selectionMetric;
    this.devices = devices;
    this.session = session;
    this.graph = graph;
    this.plan = plan;
    this.runDirectory = runDirectory;
    this.callbacks = callbacks;
  }

  public Session session() {
    return session;
  }

  /**
   * The devices the model is replicated over, as {@code --devices} writes them ({@code cpu:0,cpu:1}),
   * or null on one device.
   */
  public String devices() {
    return devices;
  }

  /** The run's folder (checkpoints, logs), or null when the fit writes none. */
  public Path runDirectory() {
    return runDirectory;
  }

  public FitState state() {
    return state;
  }

  /** Replaces the state (the loop's and the resuming and best-tracking callbacks' business). */
  public void state(FitState next) {
    state = next;
  }

  /** The first epoch this process trains (after a resume, > 0). */
  public int firstEpoch() {
    return firstEpoch;
  }

  void firstEpoch(int epoch) {
    firstEpoch = epoch;
  }

  public int epochs() {
    return plan.epochs();
  }

  public int stepsPerEpoch() {
    return plan.stepsPerEpoch();
  }

  /** Wall time of the whole run, earlier processes included. */
  public double wallSeconds() {
    return state.wallSeconds() + (System.nanoTime() - started) / 1e9;
  }

  /** The LAWN phase as the graph holds it: "free", or "constrained" after the switch. */
  public String phase() {
    if (graph.lawn == null) {
      return "free";
    }
    try (Result r = session.runner().fetch(graph.lawn.phase()).run()) {
      return ((TInt32) r.get(0)).getInt() == Lawn.CONSTRAINED ? "constrained" : "free";
    }
  }

  /** The optimizer's step counter. */
  public long globalStep() {
    try (Result r = session.runner().fetch(graph.iterations).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  /** Number of trainable scalars of the model. */
  public long parameterCount() {
    return graph.model.parameterCount();
  }

  /** The constrained step's implementation ({@code fused} or {@code graph}), or null without LAWN. */
  public String lawnKernels() {
    return graph.lawn == null ? null : graph.lawn.kernelsName();
  }

  float fetch(org.tensorflow.Operand<TFloat32> op) {
    try (Result r = session.runner().fetch(op).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  /** The metric that picks the best checkpoint (higher is better), or null. */
  public String selectionMetric() {
    return selectionMetric;
  }

  /** Asks the loop to stop after this epoch (early stopping). */
  public void stop(String reason) {
    stopReason = reason;
  }

  /** Why the loop stops early, or null. */
  public String stopReason() {
    return stopReason;
  }

  /** Tells every callback. */
  public void message(String message) {
    callbacks.forEach(c -> c.onMessage(message));
  }
}
