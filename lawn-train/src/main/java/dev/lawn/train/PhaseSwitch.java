package dev.lawn.train;

import dev.lawn.ops.Lawn;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.kernels.FusedKernelLibrary;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * LAWN's switch: decides when (the {@link SwitchPolicy}) and runs the switch op. The phase itself is
 * the graph's {@code phase} variable, the one source of truth (restored with the checkpoint's
 * variables); {@link #refresh()} reads it, and {@link #constrained()} answers from that read.
 */
final class PhaseSwitch {

  private final TrainingGraph g;
  private final FitContext context;
  private final SwitchPolicy policy;
  private final SwitchWatch watch;
  private final List<Callback> callbacks;
  private boolean constrained;

  PhaseSwitch(TrainingGraph g, FitContext context, SwitchPolicy policy, double warmupEpochs, List<Callback> callbacks) {
    this.g = g;
    this.context = context;
    this.policy = policy;
    this.watch = SwitchWatch.of(policy, warmupEpochs);
    this.callbacks = callbacks;
  }

  /** Reads the phase from the graph. */
  void refresh() {
    if (g.lawn == null) {
      constrained = false;
      return;
    }
    try (Result r = context.session().runner().fetch(g.lawn.phase()).run()) {
      constrained = ((TInt32) r.get(0)).getInt() == Lawn.CONSTRAINED;
    }
  }

  /** Whether the graph was in the constrained phase at the last read. */
  boolean constrained() {
    return constrained;
  }

  /** The first constrained step of a fixed policy ({@code e-free} epochs or steps), or empty. */
  Optional<Long> fixedStep(int stepsPerEpoch) {
    return g.lawn == null ? Optional.empty() : policy.switchStep(stepsPerEpoch);
  }

  /** At the end of an epoch: an automatic rule's decision on the epochs so far ({@link FitState#observations()}). */
  void decideAtEpochEnd(int completedEpochs, long step) {
    watch.decide(context.state().observations(), !constrained && g.lawn != null)
        .ifPresent(why -> switchNow(completedEpochs, step, why));
  }

  /** The automatic rule's name, or null for a fixed {@code E_free}. */
  String ruleName() {
    return watch.ruleName();
  }

  /** Runs the switch op and tells the callbacks, with the groups that stay free. */
  void switchNow(int completedEpochs, long step, String reason) {
    context.session().run(g.lawn.switchOp());
    refresh();
    context.state(context.state().withSwitch(completedEpochs, reason));
    callbacks.forEach(c -> c.onSwitch(context, completedEpochs, step, reason));
    String unavailable = g.lawn.fusedKernels() ? null : FusedKernelLibrary.failure();
    context.message("LAWN constrained step: " + (g.lawn.fusedKernels() ? "fused CPU kernels" : "graph ops")
        + (unavailable == null ? "" : " (fused kernels unavailable: " + unavailable + ")")
        + " (--kernels auto|fused|graph; in Java a KernelChoice)");
    float[] active;
    try (Result r = context.session().runner().fetch(g.lawn.activeFlags()).run()) {
      active = FloatReader.read((TFloat32) r.get(0));
    }
    for (int i = 0; i < active.length; i++) {
      if (active[i] == 0f) {
        context.message("LAWN group '" + g.lawn.groups().get(i).name() + "' has zero norm at the switch: it stays free");
      }
    }
  }
}
