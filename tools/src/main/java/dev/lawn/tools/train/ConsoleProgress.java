package dev.lawn.tools.train;

import dev.lawn.train.PlainProgress;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.TrainingListener;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * What {@code lawn train} shows: on a terminal a one-line progress bar per epoch (percent, steps,
 * rate, ETA, the live loss) fitted to the terminal's width; elsewhere (logs, sweeps) plain lines,
 * one per evaluation and message, the same lines as lawn-train's {@link PlainProgress}.
 *
 * <p>The bar is drawn on the training thread only (no timer thread to race with), from the first
 * step on, with the epoch's real step count. Anything printed during an epoch erases the bar,
 * prints its line, and redraws the bar below it, so a message never lands inside the bar.
 */
final class ConsoleProgress implements TrainingListener {

  private static final long REFRESH_NANOS = 250_000_000L;
  private static final long LOSS_REFRESH_NANOS = 1_000_000_000L;
  /** Carriage return and erase-to-end-of-line. */
  private static final String ERASE_LINE = "\r\u001b[K";

  private final PrintStream err;
  private final boolean interactive;
  private final IntSupplier columns;
  private TrainConfig config;
  private int epoch;
  private int step;
  private int steps;
  /** When the epoch's first step ended: the rate is timed from there (that step pays for warm-up). */
  private long firstStepEnd;
  private long lastDraw;
  private long lastLossFetch;
  private double loss = Double.NaN;
  private int width;
  private boolean barShown;
  private boolean epochRunning;

  ConsoleProgress(PrintStream err, boolean interactive) {
    this(err, interactive, TerminalInfo::columns);
  }

  /** For tests: {@code columns} stands for the terminal's width. */
  ConsoleProgress(PrintStream err, boolean interactive, IntSupplier columns) {
    this.err = err;
    this.interactive = interactive;
    this.columns = columns;
  }

  @Override
  public void onStart(TrainConfig config, int firstEpoch, int stepsPerEpoch, String modelSummary) {
    this.config = config;
    this.steps = stepsPerEpoch;
    println(PlainProgress.startLine("lawn train", config, firstEpoch, stepsPerEpoch));
  }

  @Override
  public void onEpochStart(int epoch) {
    this.epoch = epoch + 1;
    this.step = 0;
    this.loss = Double.NaN;
    this.epochRunning = interactive;
    if (interactive) {
      width = columns.getAsInt(); // once per epoch: follows a resized window
      lastLossFetch = System.nanoTime();
      lastDraw = 0; // the bar appears with the first step, its total already right
    }
  }

  @Override
  public void onStep(int epoch, int stepInEpoch, int stepsPerEpoch, DoubleSupplier runningLoss) {
    if (!epochRunning) {
      return;
    }
    step = stepInEpoch;
    steps = stepsPerEpoch;
    long now = System.nanoTime();
    if (stepInEpoch == 1) {
      firstStepEnd = now;
    }
    if (now - lastLossFetch > LOSS_REFRESH_NANOS) {
      lastLossFetch = now;
      loss = runningLoss.getAsDouble();
    }
    if (stepInEpoch >= stepsPerEpoch) {
      epochRunning = false; // the evaluation line (or the next bar) stands for the finished epoch
      eraseBar();
    } else if (lastDraw == 0 || now - lastDraw >= REFRESH_NANOS) {
      lastDraw = now;
      draw(now);
    }
  }

  @Override
  public void onSwitch(int completedEpochs, long step, String reason) {
    println(PlainProgress.switchLine(completedEpochs, step, reason));
  }

  @Override
  public void onEvaluation(Map<String, Object> row) {
    println(PlainProgress.evaluationLine(row, config.optimizer().epochs()));
  }

  @Override
  public void onMessage(String message) {
    println(message);
  }

  /** A line above the bar: the bar is erased, the line printed, the bar drawn again below it. */
  private void println(String line) {
    eraseBar();
    err.println(interactive ? fold(line, width > 0 ? width : columns.getAsInt()) : line);
    if (epochRunning && step > 0) {
      draw(System.nanoTime());
    }
    err.flush();
  }

  /**
   * On a terminal, a line longer than the width breaks between its fields (they are separated by
   * two spaces) rather than mid-word; the continuation is indented.
   */
  static String fold(String line, int columns) {
    int width = Math.max(20, columns - 1);
    if (line.length() <= width) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    int lineStart = 0;
    for (String field : line.split("  ")) {
      int current = out.length() - lineStart;
      if (current > 0 && current + 2 + field.length() > width) {
        out.append(System.lineSeparator()).append("    ");
        lineStart = out.length() - 4;
      } else if (current > 0) {
        out.append("  ");
      }
      out.append(field);
    }
    return out.toString();
  }

  private void draw(long now) {
    double seconds = (now - firstStepEnd) / 1e9;
    double rate = step > 1 && seconds >= 0.5 ? (step - 1) / seconds : Double.NaN;
    err.print(ERASE_LINE + ProgressLine.render(epoch, config.optimizer().epochs(), step, steps, rate, loss, width));
    err.flush();
    barShown = true;
  }

  private void eraseBar() {
    if (barShown) {
      err.print(ERASE_LINE);
      err.flush();
      barShown = false;
    }
  }
}
