package dev.lawn.tools.train;

import dev.lawn.train.TrainConfig;
import dev.lawn.train.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What {@code lawn train} shows: on a terminal a progress bar per epoch with ETA, rate and the live
 * loss; elsewhere (logs, sweeps) one line per evaluation.
 */
final class ConsoleProgress implements TrainingListener {

  private static final long LOSS_REFRESH_NANOS = 1_000_000_000L;
  private final PrintStream err;
  private final boolean interactive;
  private TrainConfig config;
  private ProgressBar bar;
  private long lastLossFetch;

  ConsoleProgress(PrintStream err, boolean interactive) {
    this.err = err;
    this.interactive = interactive;
  }

  @Override
  public void onStart(TrainConfig config, int firstEpoch, int stepsPerEpoch, String modelSummary) {
    this.config = config;
    err.printf(Locale.ROOT, "lawn train: %s on %s, %s lr %s, batch %d, %d epochs (%d steps each)%s%n",
        config.model(), config.data(), config.optimizer(), config.lr(), config.batchSize(), config.epochs(),
        stepsPerEpoch, firstEpoch > 0 ? ", resuming at epoch " + (firstEpoch + 1) : "");
  }

  @Override
  public void onEpochStart(int epoch) {
    if (interactive) {
      bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, config.epochs()))
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().setUnit(" steps", 1)
          .setConsumer(new ConsoleProgressBarConsumer(err)).setInitialMax(1).build();
      lastLossFetch = 0;
    }
  }

  @Override
  public void onStep(int epoch, int stepInEpoch, int stepsPerEpoch, DoubleSupplier runningLoss) {
    if (bar == null) {
      return;
    }
    bar.maxHint(stepsPerEpoch);
    bar.stepTo(stepInEpoch);
    long now = System.nanoTime();
    if (now - lastLossFetch > LOSS_REFRESH_NANOS) {
      lastLossFetch = now;
      bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", runningLoss.getAsDouble()));
    }
    if (stepInEpoch == stepsPerEpoch) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public void onSwitch(int completedEpochs, long step, String reason) {
    closeBar();
    err.printf(Locale.ROOT, "LAWN: constrained training from epoch %d (step %d): %s%n", completedEpochs + 1, step, reason);
  }

  @Override
  public void onEvaluation(Map<String, Object> row) {
    closeBar();
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %s/%d", row.get("epoch"), config.epochs()));
    for (String key : new String[] {"loss", "hr@10", "ndcg@10", "val_hr@10", "accuracy", "ece", "val_accuracy",
        "margin_p50", "lr"}) {
      if (row.get(key) instanceof Number n) {
        line.append(String.format(Locale.ROOT, "  %s %.4g", key, n.doubleValue()));
      }
    }
    line.append("  ").append(row.get("phase"));
    err.println(line);
  }

  @Override
  public void onMessage(String message) {
    closeBar();
    err.println(message);
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /** The final one-line summary printed on stdout. */
  static String summaryLine(Map<String, Object> summary, Path out) {
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
