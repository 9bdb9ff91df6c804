package dev.lawn.train.config;

import dev.lawn.ops.optim.OptimizerSpec;
import java.util.Objects;

/**
 * The base optimizer (with or without LAWN) and its schedule: linear warm-up over
 * {@code warmupEpochs}, then linear decay to zero at the last step.
 *
 * @param choice the base optimizer and whether LAWN constrains it ({@code --optimizer})
 * @param lr peak learning rate
 * @param batchSize examples per optimizer step
 * @param microBatchSize examples per forward/backward pass; 0 picks one ({@link #AUTO_MICRO_BATCH_REC} /
 *     {@link #AUTO_MICRO_BATCH_IMAGES} at most); smaller than the batch means in-graph accumulation
 * @param epochs {@code E_total}
 * @param warmupEpochs {@code E_warmup} of the schedule (fractions allowed), at most {@code epochs}
 * @param weightDecay the base optimizer's weight decay; 0 under LAWN, which replaces it
 * @param epsilon Adam's and LAMB's denominator floor; 0 is the paper's for the optimizer ({@link
 *     OptimizerSpec#epsilon}: 1e-8 for adam and adamw, 1e-6 for lamb and every -lawn variant); SGD has none
 * @param clipNorm the largest global gradient norm the base optimizer is given ({@code --clip-norm}, {@link
 *     OptimizerSpec#withClipNorm}); 0 for no clipping. Under LAWN it clips the projected gradient
 */
public record OptimizerSettings(OptimizerChoice choice, double lr, int batchSize, int microBatchSize, int epochs,
    double warmupEpochs, double weightDecay, double epsilon, double clipNorm) {

  /** Largest automatic micro-batch of recommendation data. */
  public static final int AUTO_MICRO_BATCH_REC = 262_144;
  /** Largest automatic micro-batch of image data. */
  public static final int AUTO_MICRO_BATCH_IMAGES = 1024;

  public OptimizerSettings {
    Objects.requireNonNull(choice, "--optimizer");
    Check.positive("--lr", lr);
    Check.positive("--batch-size", batchSize);
    Check.nonNegative("--micro-batch-size", microBatchSize);
    Check.positive("--epochs", epochs);
    Check.require(Double.isFinite(warmupEpochs) && warmupEpochs >= 0 && warmupEpochs <= epochs,
        "--warmup-epochs must be in [0, --epochs=" + epochs + "], got " + warmupEpochs);
    Check.nonNegative("--weight-decay", weightDecay);
    Check.require(!(choice.lawn() && weightDecay > 0), "--weight-decay must be 0 with " + choice
        + ": LAWN replaces weight decay (use " + OptimizerChoice.kindName(choice.kind()) + " for a weight-decay baseline)");
    Check.nonNegative("--epsilon", epsilon);
    Check.require(!(epsilon > 0 && choice.kind() == OptimizerSpec.Kind.SGD),
        "--epsilon does not apply to " + choice + ": SGD divides by no second moment");
    Check.nonNegative("--clip-norm", clipNorm);
  }

  /** The settings before {@code --clip-norm} existed: no clipping. */
  public OptimizerSettings(OptimizerChoice choice, double lr, int batchSize, int microBatchSize, int epochs,
      double warmupEpochs, double weightDecay, double epsilon) {
    this(choice, lr, batchSize, microBatchSize, epochs, warmupEpochs, weightDecay, epsilon, 0);
  }

  /** The settings before {@code --epsilon} existed: the paper's epsilon. */
  public OptimizerSettings(OptimizerChoice choice, double lr, int batchSize, int microBatchSize, int epochs,
      double warmupEpochs, double weightDecay) {
    this(choice, lr, batchSize, microBatchSize, epochs, warmupEpochs, weightDecay, 0);
  }

  /** The epsilon the optimizer uses: {@link #epsilon} if set, else the paper's for it. */
  public double effectiveEpsilon() {
    return epsilon > 0 ? epsilon : OptimizerSpec.epsilon(choice.kind(), choice.lawn());
  }

  /** Adam-LAWN at 1e-3, batches of 1024, 20 epochs of which 2 warm up, no weight decay. */
  public static OptimizerSettings defaults() {
    return new OptimizerSettings(OptimizerChoice.parse("adam-lawn"), 1e-3, 1024, 0, 20, 2, 0);
  }

  /** Whether LAWN constrains the base optimizer. */
  public boolean lawn() {
    return choice.lawn();
  }
}
