package dev.lawn.train.callbacks;

import dev.lawn.train.Callback;
import dev.lawn.train.FitContext;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** One line per evaluated epoch (loss, metrics, phase) and every message, on a stream. */
public final class ProgressPrinter implements Callback {

  private final PrintStream out;

  public ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onEvaluation(FitContext context, Map<String, Object> row) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %s/%d", row.get("epoch"), context.epochs()));
    for (Map.Entry<String, Object> e : row.entrySet()) {
      String k = e.getKey();
      if (k.equals("epoch") || k.startsWith("norm/") || k.contains("second") || k.startsWith("margin_p")) {
        continue;
      }
      Object v = e.getValue();
      line.append("  ").append(k).append(' ')
          .append(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v));
    }
    out.println(line);
  }

  @Override
  public void onMessage(String message) {
    out.println(message);
  }
}
