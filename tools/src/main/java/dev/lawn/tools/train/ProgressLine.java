package dev.lawn.tools.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One frame of the epoch progress bar, fitted to a terminal width:
 * {@code epoch 2/20  45% [=========>          ] 218/484 steps  121 steps/s  ETA 0:02  loss 0.5807}.
 * When the width is short, the fields least needed go first (rate, ETA, loss), then the bar
 * narrows; the text never reaches the last column (a terminal would wrap it).
 */
final class ProgressLine {

  /** The narrowest bar worth drawing (brackets included). */
  static final int MIN_BAR = 12;

  private ProgressLine() {}

  /**
   * @param epoch 1-based epoch
   * @param epochs epochs of the run
   * @param step steps done in this epoch
   * @param steps steps in this epoch (known from the first frame)
   * @param rate steps per second, NaN while unknown
   * @param loss the epoch's running loss, NaN while unknown
   * @param columns the terminal's width
   */
  static String render(int epoch, int epochs, int step, int steps, double rate, double loss, int columns) {
    int width = Math.max(20, columns - 1);
    String head = String.format(Locale.ROOT, "epoch %d/%d %3d%%", epoch, epochs,
        steps == 0 ? 0 : (int) (100L * step / steps));
    String counts = step + "/" + steps + " steps";
    String rateText = !(rate > 0) ? "" : String.format(Locale.ROOT, "%.0f steps/s", rate);
    String eta = !(rate > 0) ? "" : "ETA " + clock((steps - step) / rate);
    String lossText = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "loss %.4f", loss);
    // Optional fields, shown in this order and given up from the front when the line is too long.
    List<String> optional = new ArrayList<>(List.of(rateText, eta, lossText));
    optional.removeIf(String::isEmpty);
    while (true) {
      String tail = String.join("  ", optional);
      int fixed = head.length() + 1 + 1 + counts.length() + (tail.isEmpty() ? 0 : 2 + tail.length());
      int barWidth = width - fixed;
      if (barWidth >= MIN_BAR || optional.isEmpty()) {
        String line = head + " " + (barWidth >= MIN_BAR ? bar(step, steps, barWidth) + " " : "") + counts
            + (tail.isEmpty() ? "" : "  " + tail);
        return line.length() <= width ? line : line.substring(0, width);
      }
      optional.remove(0);
    }
  }

  /** {@code [=====>     ]} of exactly {@code width} characters. */
  static String bar(int step, int steps, int width) {
    int inner = width - 2;
    int filled = steps == 0 ? 0 : (int) ((long) inner * step / steps);
    StringBuilder s = new StringBuilder(width).append('[');
    for (int i = 0; i < inner; i++) {
      s.append(i < filled ? '=' : i == filled && step < steps ? '>' : ' ');
    }
    return s.append(']').toString();
  }

  /** {@code 0:42}, {@code 12:05}, {@code 1:02:03}. */
  static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
