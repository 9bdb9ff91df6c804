package dev.lawn.ops.optim;

import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.schedule.LearningRateSchedule;
import dev.lawn.ops.transform.AddDecayedWeights;
import dev.lawn.ops.transform.Chain;
import dev.lawn.ops.transform.ClipByGlobalNorm;
import dev.lawn.ops.transform.GradientTransform;
import dev.lawn.ops.transform.ScaleByAdam;
import dev.lawn.ops.transform.ScaleByTrustRatio;
import dev.lawn.ops.transform.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.tensorflow.op.Ops;

/**
 * The base optimizers of the paper and its baselines, with their defaults in one place. Weight decay
 * follows PyTorch's meaning for each name, which is what the paper's baselines used.
 *
 * @param kind which optimizer
 * @param weightDecay decay rate (0 for none; LAWN variants use none)
 * @param beta1 Adam/LAMB first-moment decay
 * @param beta2 Adam/LAMB second-moment decay
 * @param epsilon Adam/LAMB denominator floor
 * @param momentum SGD momentum
 * @param nesterov SGD Nesterov look-ahead
 * @param clipNorm the largest global gradient norm let through ({@link ClipByGlobalNorm}, first in the
 *     chain); 0 for no clipping, the paper's
 */
public record OptimizerSpec(Kind kind, float weightDecay, float beta1, float beta2, float epsilon, float momentum,
    boolean nesterov, float clipNorm) {

  /** The paper's betas for every adaptive optimizer. */
  public static final float BETA1 = 0.9f;
  public static final float BETA2 = 0.999f;
  /**
   * The paper's epsilons (§4): "For Adam, we used ε = 1e-8 and the rest of the adaptive optimizers
   * use 1e-6", the rest being Adam-LAWN, LAMB and LAMB-LAWN. {@link #ADAM_EPSILON} is Adam's and
   * AdamW's; {@link #LAMB_EPSILON} is LAMB's and every LAWN variant's ({@link #epsilon(Kind, boolean)}).
   */
  public static final float ADAM_EPSILON = 1e-8f;
  /** LAMB's and the LAWN variants' epsilon; see {@link #ADAM_EPSILON}. */
  public static final float LAMB_EPSILON = 1e-6f;
  /** The paper's SGD momentum. */
  public static final float SGD_MOMENTUM = 0.9f;

  /** Which update rule. */
  public enum Kind {
    /** SGD with heavy-ball momentum; weight decay coupled ({@code g + wd w}) as in PyTorch. */
    SGD,
    /** Adam; weight decay coupled as L2 ({@code g + wd w} before the moments) as in PyTorch's Adam. */
    ADAM,
    /** AdamW: decoupled weight decay ({@code u + wd w} after Adam's direction). */
    ADAMW,
    /** LAMB: Adam direction + decoupled decay, scaled by the layer-wise trust ratio; biases and norm parameters neither decay nor adapt. */
    LAMB;

    /** Parses {@code sgd}, {@code adam}, {@code adamw}, {@code lamb} (case-insensitive). */
    public static Kind parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (known: "
            + String.join(", ", java.util.Arrays.stream(values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList()) + ")");
      }
    }
  }

  public OptimizerSpec {
    Objects.requireNonNull(kind, "kind");
    if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
    }
    if (!(clipNorm >= 0) || Float.isInfinite(clipNorm)) {
      throw new IllegalArgumentException("clip norm must be finite and >= 0 (0: no clipping), got " + clipNorm);
    }
  }

  /** Settings without gradient clipping (as before {@link #clipNorm} existed). */
  public OptimizerSpec(Kind kind, float weightDecay, float beta1, float beta2, float epsilon, float momentum,
      boolean nesterov) {
    this(kind, weightDecay, beta1, beta2, epsilon, momentum, nesterov, 0f);
  }

  /** The paper's settings for {@code kind} used alone (not as LAWN's base), with the given weight decay. */
  public static OptimizerSpec defaults(Kind kind, float weightDecay) {
    return defaults(kind, weightDecay, false);
  }

  /**
   * The paper's settings for {@code kind}, alone or as the base of its LAWN variant ({@code adam-lawn}
   * and so on), with the given weight decay (LAWN variants use none).
   */
  public static OptimizerSpec defaults(Kind kind, float weightDecay, boolean lawn) {
    return new OptimizerSpec(kind, weightDecay, BETA1, BETA2, epsilon(kind, lawn), SGD_MOMENTUM, false);
  }

  /**
   * The paper's epsilon: 1e-8 for Adam (and AdamW), 1e-6 for LAMB and for every LAWN variant
   * (Adam-LAWN, AdamW-LAWN, LAMB-LAWN). SGD ignores it.
   */
  public static float epsilon(Kind kind, boolean lawn) {
    return lawn || kind == Kind.LAMB ? LAMB_EPSILON : ADAM_EPSILON;
  }

  /** The same settings with another Adam/LAMB epsilon (&gt; 0). */
  public OptimizerSpec withEpsilon(float newEpsilon) {
    if (!(newEpsilon > 0) || Float.isInfinite(newEpsilon)) {
      throw new IllegalArgumentException("epsilon must be finite and > 0, got " + newEpsilon);
    }
    return new OptimizerSpec(kind, weightDecay, beta1, beta2, newEpsilon, momentum, nesterov, clipNorm);
  }

  /**
   * The same settings with the gradient clipped to global norm {@code maxNorm} before the update rule
   * sees it ({@link ClipByGlobalNorm}); 0 turns clipping off. Under LAWN the clipped gradient is the
   * projected one, and stays tangent (see {@link ClipByGlobalNorm}).
   */
  public OptimizerSpec withClipNorm(float maxNorm) {
    return new OptimizerSpec(kind, weightDecay, beta1, beta2, epsilon, momentum, nesterov, maxNorm);
  }

  /** The update rule as a chain of transforms, {@link ClipByGlobalNorm} first when {@link #clipNorm} is set. */
  public GradientTransform transform() {
    Predicate<TrainableVariable> all = v -> true;
    Predicate<TrainableVariable> weightsOnly = v -> !v.role().isBiasOrNorm();
    List<GradientTransform> rule = switch (kind) {
      case SGD -> List.of(new AddDecayedWeights(weightDecay, all), new Trace(momentum, nesterov));
      case ADAM -> List.of(new AddDecayedWeights(weightDecay, all), new ScaleByAdam(beta1, beta2, epsilon));
      case ADAMW -> List.of(new ScaleByAdam(beta1, beta2, epsilon), new AddDecayedWeights(weightDecay, all));
      case LAMB -> List.of(
          new ScaleByAdam(beta1, beta2, epsilon),
          new AddDecayedWeights(weightDecay, weightsOnly),
          new ScaleByTrustRatio(weightsOnly));
    };
    if (clipNorm == 0) {
      return new Chain(rule);
    }
    List<GradientTransform> stages = new ArrayList<>(rule.size() + 1);
    stages.add(new ClipByGlobalNorm(clipNorm));
    stages.addAll(rule);
    return new Chain(stages);
  }

  /** Creates the optimizer's state in the graph and binds it to {@code variables}. */
  public TransformOptimizer build(Ops tf, String scope, List<TrainableVariable> variables, LearningRateSchedule schedule) {
    return new TransformOptimizer(tf, scope, variables, transform(), schedule);
  }
}
