package dev.lawn.ops;

import dev.lawn.ops.switching.SwitchRule;
import dev.lawn.ops.switching.SwitchRules;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When LAWN switches from free to constrained training ({@code E_free}).
 *
 * <ul>
 *   <li>{@link AtEpoch}: after a fixed number of free epochs, the paper's tuned hyperparameter;
 *   <li>{@link AtStep}: after a fixed number of free steps;
 *   <li>{@link #hoffer()}: at step 0 with the initial norms: Hoffer et al.'s (2018) bounded weight
 *       normalization, the paper's Table 2 baseline;
 *   <li>{@link ByRule}: the paper's proposed future work (§3), an automatic rule read off the
 *       per-epoch training margins and loss ({@code margin-level}, {@code loss-knee}; see
 *       {@link dev.lawn.ops.switching});
 *   <li>{@link Automatic}: the first such rule ({@code auto}): switch when the median training margin
 *       crosses a threshold or stops growing;
 *   <li>{@link Never}: the base optimizer alone.
 * </ul>
 */
public sealed interface SwitchPolicy {

  /** Never switch: plain training with the base optimizer. */
  record Never() implements SwitchPolicy {}

  /** Switch before the first step of epoch {@code epoch} (0-based), i.e. after {@code epoch} free epochs. */
  record AtEpoch(int epoch) implements SwitchPolicy {
    public AtEpoch {
      if (epoch < 0) {
        throw new IllegalArgumentException("e-free must be >= 0 epochs, got " + epoch);
      }
    }
  }

  /** Switch before step {@code step} (0-based), i.e. after {@code step} free steps. */
  record AtStep(long step) implements SwitchPolicy {
    public AtStep {
      if (step < 0) {
        throw new IllegalArgumentException("e-free must be >= 0 steps, got " + step);
      }
    }
  }

  /**
   * Switch at the end of the first epoch whose median training margin reaches {@code threshold}, or
   * whose median margin grew by less than {@code minRelativeGrowth} (relative) over the last
   * {@code patience} epochs, but never before {@code minEpochs} epochs.
   */
  record Automatic(double threshold, double minRelativeGrowth, int patience, int minEpochs) implements SwitchPolicy {
    /** Defaults: margin 5 (sigmoid probability 0.993: the loss of a typical example is already flat). */
    public static final double DEFAULT_THRESHOLD = 5.0;
    public static final double DEFAULT_MIN_GROWTH = 0.02;
    public static final int DEFAULT_PATIENCE = 2;
    public static final int DEFAULT_MIN_EPOCHS = 1;

    public Automatic {
      if (!(threshold > 0)) {
        throw new IllegalArgumentException("auto switch threshold must be > 0, got " + threshold);
      }
      if (!(minRelativeGrowth >= 0)) {
        throw new IllegalArgumentException("auto switch min growth must be >= 0, got " + minRelativeGrowth);
      }
      if (patience < 1 || minEpochs < 0) {
        throw new IllegalArgumentException("auto switch needs patience >= 1 and min epochs >= 0");
      }
    }

    /** The defaults above. */
    public static Automatic defaults() {
      return new Automatic(DEFAULT_THRESHOLD, DEFAULT_MIN_GROWTH, DEFAULT_PATIENCE, DEFAULT_MIN_EPOCHS);
    }

    /**
     * Decides at the end of an epoch.
     *
     * @param medianMargins the median training margin of each finished epoch, oldest first
     * @return why to switch now, or empty to keep training freely
     */
    public Optional<String> decide(double[] medianMargins) {
      int n = medianMargins.length;
      if (n < Math.max(1, minEpochs)) {
        return Optional.empty();
      }
      double latest = medianMargins[n - 1];
      if (latest >= threshold) {
        return Optional.of(String.format(Locale.ROOT, "median margin %.4g reached the threshold %.4g", latest, threshold));
      }
      if (n > patience) {
        double earlier = medianMargins[n - 1 - patience];
        double growth = (latest - earlier) / Math.max(Math.abs(earlier), 1e-12);
        if (earlier > 0 && growth < minRelativeGrowth) {
          return Optional.of(String.format(Locale.ROOT,
              "median margin grew %.3g%% over %d epochs (< %.3g%%): its growth flattened",
              100 * growth, patience, 100 * minRelativeGrowth));
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Switch at the end of the first epoch, after the warm-up, at which {@code rule} says so (see
   * {@link dev.lawn.ops.switching.SwitchGate}).
   */
  record ByRule(SwitchRule rule) implements SwitchPolicy {
    public ByRule {
      Objects.requireNonNull(rule, "rule");
    }
  }

  /** Hoffer et al.'s bounded weight normalization: norms fixed from initialization. */
  static SwitchPolicy hoffer() {
    return new AtStep(0);
  }

  /**
   * The policy as {@link #parse} reads it ({@code 5}, {@code steps:100}, {@code margin-level:2},
   * {@code auto}, {@code never}), so that a run folder records which one it was; an {@link Automatic}
   * with other than its defaults reads {@code auto(...)} with its values, which {@code parse} does not take.
   */
  default String text() {
    if (this instanceof AtEpoch e) {
      return String.valueOf(e.epoch());
    }
    if (this instanceof AtStep s) {
      return "steps:" + s.step();
    }
    if (this instanceof ByRule r) {
      return r.rule().name();
    }
    if (this instanceof Automatic a) {
      return a.equals(Automatic.defaults()) ? "auto" : "auto(threshold=" + a.threshold() + ", min_growth="
          + a.minRelativeGrowth() + ", patience=" + a.patience() + ", min_epochs=" + a.minEpochs() + ")";
    }
    return "never";
  }

  /**
   * The first step of the constrained phase for fixed policies, or empty for {@link Never},
   * {@link Automatic} and {@link ByRule}.
   */
  default Optional<Long> switchStep(long stepsPerEpoch) {
    if (this instanceof AtEpoch e) {
      return Optional.of(e.epoch() * stepsPerEpoch);
    }
    if (this instanceof AtStep s) {
      return Optional.of(s.step());
    }
    return Optional.empty();
  }

  /**
   * Parses {@code "5"} (epochs), {@code "steps:1000"}, {@code "hoffer"}, {@code "auto"}, {@code "never"},
   * or a rule of {@link SwitchRules#parse} ({@code "margin-level"}, {@code "loss-knee:0.3"}).
   */
  static SwitchPolicy parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.equals("auto")) {
        return Automatic.defaults();
      }
      if (t.equals("never") || t.equals("none")) {
        return new Never();
      }
      if (t.equals("hoffer")) {
        return hoffer();
      }
      Optional<SwitchRule> rule = SwitchRules.parse(t);
      if (rule.isPresent()) {
        return new ByRule(rule.get());
      }
      if (t.startsWith("steps:")) {
        return new AtStep(Long.parseLong(t.substring(6)));
      }
      return new AtEpoch(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "e-free must be an epoch count, 'steps:N', 'auto', 'margin-level[:L]', 'loss-knee[:r]', 'hoffer' or 'never', got '"
              + text + "'");
    }
  }
}
