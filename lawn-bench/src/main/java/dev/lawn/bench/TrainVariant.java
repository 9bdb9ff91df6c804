package dev.lawn.bench;

import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.train.config.OptimizerChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * One variant of the training benchmark: the real trainer, or the bare-graph reference, with one
 * optimizer on one model, data set and batch size.
 *
 * @param kind {@link #TRAINER}, or a reference of {@link BareNcfReference}: {@link #BARE}, {@link #BARE_ZOO},
 *     {@link #ZOO_PIPELINE}
 * @param optimizer as {@code lawn train --optimizer} ({@code adam}, {@code adam-lawn}, ...)
 * @param model zoo model name (the bare reference exists only for {@code ncf-mlp})
 * @param data data set name
 * @param dataDir folder searched first for the data, or null
 * @param batchSize examples per step
 * @param epochs epochs; the first is warm-up and is not counted in the rates
 * @param eFree LAWN's free epochs (a whole number: the bench classifies epochs by phase)
 * @param threads TensorFlow threads (0 = TensorFlow's choice)
 * @param seed data order, sampling and initialization seed
 */
public record TrainVariant(String kind, String optimizer, String model, String data, String dataDir, int batchSize,
    int epochs, int eFree, int threads, long seed) {

  /** The real {@code Trainer}. */
  public static final String TRAINER = "trainer";
  /** The plain TF-Java NCF-MLP graph fed from pre-built arrays. */
  public static final String BARE = "bare";
  /** The bare loop over the zoo's NCF-MLP and the trainer's loss. */
  public static final String BARE_ZOO = "bare-zoo";
  /** The zoo graph fed by the trainer's input pipeline. */
  public static final String ZOO_PIPELINE = "zoo-pipeline";

  /** Validates the settings, naming the option of {@code lawn bench train} at fault. */
  public TrainVariant {
    if (!List.of(TRAINER, BARE, BARE_ZOO, ZOO_PIPELINE).contains(kind)) {
      throw new IllegalArgumentException("variant kind must be one of " + List.of(TRAINER, BARE, BARE_ZOO, ZOO_PIPELINE)
          + ", got '" + kind + "'");
    }
    try {
      optimizer = OptimizerChoice.parse(optimizer).toString(); // the names lawn train takes, from one place
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^--optimizer\\b", "--optimizers"));
    }
    if (!kind.equals(TRAINER) && !model.equals("ncf-mlp")) {
      throw new IllegalArgumentException("--bare: the bare-graph reference is an NCF-MLP graph; --model is " + model
          + " (use --bare none)");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    }
    if (epochs < 2) {
      throw new IllegalArgumentException("--epochs must be >= 2 (the first epoch is warm-up), got " + epochs);
    }
    if (eFree < 0 || eFree > epochs) {
      throw new IllegalArgumentException("--e-free must be in [0, --epochs=" + epochs + "], got " + eFree);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
    }
  }

  /** Whether the optimizer is a LAWN variant. */
  boolean lawn() {
    return OptimizerChoice.parse(optimizer).lawn();
  }

  /** The base optimizer. */
  OptimizerSpec.Kind baseKind() {
    return OptimizerChoice.parse(optimizer).kind();
  }

  /** {@code trainer adam-lawn}, {@code bare adam}. */
  String label() {
    return kind + " " + optimizer;
  }

  /** The phase of 1-based epoch {@code epoch}: LAWN switches at the start of epoch {@code eFree + 1}. */
  String phaseOf(int epoch) {
    return lawn() && epoch > eFree ? "constrained" : "free";
  }

  /** The hidden {@code lawn bench train-variant} arguments that run this variant. */
  public List<String> arguments() {
    List<String> args = new ArrayList<>(List.of("--kind", kind, "--optimizer", optimizer, "--model", model,
        "--data", data, "--batch-size", Integer.toString(batchSize), "--epochs", Integer.toString(epochs),
        "--e-free", Integer.toString(eFree), "--threads", Integer.toString(threads), "--seed", Long.toString(seed)));
    if (dataDir != null) {
      args.addAll(List.of("--data-dir", dataDir));
    }
    return args;
  }
}
