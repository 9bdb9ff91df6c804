package dev.lawn.train;

import dev.lawn.ops.GroupSelector;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.schedule.LearningRateSchedule;
import dev.lawn.ops.schedule.WarmupLinearDecay;
import java.util.Objects;

/**
 * How a run optimizes: the base optimizer with the paper's schedule (linear warm-up over
 * {@code warmupEpochs}, then linear decay to zero at the last step), and LAWN on top of it or not.
 *
 * @param kind the base optimizer
 * @param learningRate peak learning rate
 * @param weightDecay the base optimizer's weight decay (0 with LAWN: LAWN replaces it)
 * @param warmupEpochs epochs of linear warm-up (fractions allowed)
 * @param lawn LAWN's settings, or null to train with the base optimizer alone
 * @param schedule the learning-rate schedule from the peak rate and the run's step counts (null: the
 *     paper's linear warm-up then linear decay, {@link WarmupLinearDecay})
 * @param epsilon Adam's and LAMB's denominator floor; 0 is the paper's ({@link OptimizerSpec#epsilon}:
 *     1e-8 for Adam and AdamW, 1e-6 for LAMB and under LAWN); SGD takes none
 * @param clipNorm the largest global gradient norm the base optimizer is given ({@link
 *     OptimizerSpec#withClipNorm}; under LAWN the projected gradient's); 0 for no clipping
 */
public record Optimization(OptimizerSpec.Kind kind, double learningRate, double weightDecay, double warmupEpochs,
    LawnSettings lawn, Schedule schedule, double epsilon, double clipNorm) {

  /** Makes the run's learning-rate schedule once its step counts are known. */
  @FunctionalInterface
  public interface Schedule {
    LearningRateSchedule create(double peak, long warmupSteps, long totalSteps);
  }

  public Optimization {
    Objects.requireNonNull(kind, "optimizer kind");
    if (!(Double.isFinite(learningRate) && learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
    }
    if (!(Double.isFinite(weightDecay) && weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    if (lawn != null && weightDecay > 0) {
      throw new IllegalArgumentException("weight decay must be 0 with LAWN: LAWN replaces weight decay");
    }
    if (!(Double.isFinite(warmupEpochs) && warmupEpochs >= 0)) {
      throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + warmupEpochs);
    }
    schedule = schedule == null ? WarmupLinearDecay::new : schedule;
    if (!(Double.isFinite(epsilon) && epsilon >= 0)) {
      throw new IllegalArgumentException("epsilon must be a finite number >= 0 (0: the paper's), got " + epsilon);
    }
    if (epsilon > 0 && kind == OptimizerSpec.Kind.SGD) {
      throw new IllegalArgumentException("epsilon does not apply to SGD, which divides by no second moment");
    }
    if (!(Double.isFinite(clipNorm) && clipNorm >= 0)) {
      throw new IllegalArgumentException("clip norm must be a finite number >= 0 (0: no clipping), got " + clipNorm);
    }
  }

  /** With the paper's epsilon and no gradient clipping (the components before those existed). */
  public Optimization(OptimizerSpec.Kind kind, double learningRate, double weightDecay, double warmupEpochs,
      LawnSettings lawn, Schedule schedule) {
    this(kind, learningRate, weightDecay, warmupEpochs, lawn, schedule, 0, 0);
  }

  /** The base optimizer alone. */
  public static Optimization plain(OptimizerSpec.Kind kind, double learningRate, double weightDecay,
      double warmupEpochs) {
    return new Optimization(kind, learningRate, weightDecay, warmupEpochs, null, null);
  }

  /** The base optimizer under LAWN. */
  public static Optimization withLawn(OptimizerSpec.Kind kind, double learningRate, double warmupEpochs, LawnSettings lawn) {
    return new Optimization(kind, learningRate, 0, warmupEpochs, Objects.requireNonNull(lawn, "lawn"), null);
  }

  /** The same with another learning-rate schedule (e.g. {@code (peak, w, t) -> new ConstantRate(peak)}). */
  public Optimization withSchedule(Schedule newSchedule) {
    return new Optimization(kind, learningRate, weightDecay, warmupEpochs, lawn, newSchedule, epsilon, clipNorm);
  }

  /** The same with other LAWN settings (all else kept); {@code null} trains with the base optimizer alone. */
  public Optimization withLawnSettings(LawnSettings settings) {
    return new Optimization(kind, learningRate, weightDecay, warmupEpochs, settings, schedule, epsilon, clipNorm);
  }

  /** The same with Adam's or LAMB's epsilon set (0: the paper's for the optimizer). */
  public Optimization withEpsilon(double newEpsilon) {
    return new Optimization(kind, learningRate, weightDecay, warmupEpochs, lawn, schedule, newEpsilon, clipNorm);
  }

  /**
   * The same with the gradient clipped to global norm {@code maxNorm} before the base optimizer sees
   * it (optax's {@code clip_by_global_norm}); 0 turns clipping off. Under LAWN the clipped gradient is
   * the projected one, which stays tangent. A run's metrics show the norms ({@code grad_norm}).
   */
  public Optimization withClipNorm(double maxNorm) {
    return new Optimization(kind, learningRate, weightDecay, warmupEpochs, lawn, schedule, epsilon, maxNorm);
  }

  /** The base optimizer's settings: the paper's defaults for its kind, with this weight decay, epsilon and clip norm. */
  public OptimizerSpec spec() {
    OptimizerSpec spec = OptimizerSpec.defaults(kind, (float) weightDecay, lawn != null).withClipNorm((float) clipNorm);
    return epsilon > 0 ? spec.withEpsilon((float) epsilon) : spec;
  }

  /** When LAWN switches; {@link SwitchPolicy.Never} without LAWN. */
  public SwitchPolicy switchPolicy() {
    return lawn == null ? new SwitchPolicy.Never() : lawn.switchPolicy();
  }

  /**
   * LAWN's settings.
   *
   * @param switchPolicy when the free phase ends (epochs, steps, a rule, Hoffer; {@code never} keeps LAWN's
   *     ops but trains freely throughout, a reference run)
   * @param groups which variables form which constrained group
   * @param alpha logit attenuation at the switch (1 = none)
   * @param attenuate the group scaled by alpha; {@code auto} = the group of the last variable (the output layer)
   * @param kernels fused CPU kernels or graph ops for the constrained step
   */
  public record LawnSettings(SwitchPolicy switchPolicy, GroupSelector groups, double alpha, String attenuate,
      KernelChoice kernels) {

    public LawnSettings {
      Objects.requireNonNull(switchPolicy, "LAWN switch policy");
      Objects.requireNonNull(groups, "LAWN group selector");
      Objects.requireNonNull(kernels, "LAWN kernels");
      if (!(Double.isFinite(alpha) && alpha > 0)) {
        throw new IllegalArgumentException("LAWN alpha must be > 0, got " + alpha);
      }
      attenuate = attenuate == null ? "auto" : attenuate;
    }

    /** Per-layer groups, no attenuation, the default kernels. */
    public static LawnSettings of(SwitchPolicy switchPolicy) {
      return new LawnSettings(switchPolicy, GroupSelector.perLayer(), 1, "auto", KernelChoice.AUTO);
    }

    public LawnSettings withGroups(GroupSelector selector) {
      return new LawnSettings(switchPolicy, selector, alpha, attenuate, kernels);
    }

    public LawnSettings withKernels(KernelChoice choice) {
      return new LawnSettings(switchPolicy, groups, alpha, attenuate, choice);
    }
  }
}
