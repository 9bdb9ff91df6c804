package dev.lawn.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A run's progress as plain lines, for logs and pipes: a start line, one line per evaluation, the
 * switch to constrained training and the trainer's messages. {@link TrainMain} prints it; the
 * {@code lawn} command line prints the same lines (with a progress bar between them on a terminal),
 * through the static methods here, so that a log reads the same whichever program wrote it.
 */
public final class PlainProgress implements TrainingListener {

  /** The evaluation columns shown, in this order, when the row has them. */
  private static final String[] SHOWN = {"loss", "hr@10", "ndcg@10", "val_hr@10", "accuracy", "ece", "val_accuracy",
      "margin_p50", "lr"};

  private final PrintStream out;
  private final String program;
  private int epochs;

  /**
   * @param out where the lines go
   * @param program the start line's first word (e.g. {@code lawn-train})
   */
  public PlainProgress(PrintStream out, String program) {
    this.out = out;
    this.program = program;
  }

  @Override
  public void onStart(TrainConfig config, int firstEpoch, int stepsPerEpoch, String modelSummary) {
    epochs = config.optimizer().epochs();
    println(startLine(program, config, firstEpoch, stepsPerEpoch));
  }

  @Override
  public void onSwitch(int completedEpochs, long step, String reason) {
    println(switchLine(completedEpochs, step, reason));
  }

  @Override
  public void onEvaluation(Map<String, Object> row) {
    println(evaluationLine(row, epochs));
  }

  @Override
  public void onMessage(String message) {
    println(message);
  }

  private void println(String line) {
    out.println(line);
    out.flush();
  }

  /**
   * {@code PROGRAM: MODEL on DATA, OPTIMIZER lr LR, batch B, E epochs (S steps each)[, resuming at epoch N]}:
   * printed once the graph is built and a checkpoint restored (the reliability harnesses wait for it).
   */
  public static String startLine(String program, TrainConfig config, int firstEpoch, int stepsPerEpoch) {
    return String.format(Locale.ROOT, "%s: %s on %s, %s lr %s, batch %d, %d epochs (%d steps each)%s", program,
        config.model().name(), config.data().name(), config.optimizer().choice(), config.optimizer().lr(),
        config.optimizer().batchSize(), config.optimizer().epochs(),
        stepsPerEpoch, firstEpoch > 0 ? ", resuming at epoch " + (firstEpoch + 1) : "");
  }

  /** The switch to constrained training. */
  public static String switchLine(int completedEpochs, long step, String reason) {
    return String.format(Locale.ROOT, "LAWN: constrained training from epoch %d (step %d): %s",
        completedEpochs + 1, step, reason);
  }

  /** {@code epoch N/E  loss ...  hr@10 ...  PHASE}: the row's main metrics, 4 significant digits. */
  public static String evaluationLine(Map<String, Object> row, int epochs) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %s/%d", row.get("epoch"), epochs));
    for (String key : SHOWN) {
      if (row.get(key) instanceof Number n) {
        line.append(String.format(Locale.ROOT, "  %s %.4g", key, n.doubleValue()));
      }
    }
    return line.append("  ").append(row.get("phase")).toString();
  }

  /** The final line: {@code done: METRICS (LAWN from epoch N) in T s, R samples/s -> RUN_DIR}. */
  public static String summaryLine(Map<String, Object> summary, Path out) {
    StringBuilder s = new StringBuilder("done:");
    for (String key : new String[] {"hr@10", "ndcg@10", "accuracy", "ece"}) {
      if (summary.get(key) instanceof Number n) {
        s.append(String.format(Locale.ROOT, " %s %.4f", key, n.doubleValue()));
      }
    }
    if (summary.get("switch_epoch") instanceof Number n) {
      s.append(" (LAWN from epoch ").append(n.intValue() + 1).append(')');
    }
    s.append(String.format(Locale.ROOT, " in %.1f s, %.3g samples/s -> %s",
        ((Number) summary.get("wall_seconds")).doubleValue(),
        ((Number) summary.get("train_samples_per_second")).doubleValue(), out));
    return s.toString();
  }
}
