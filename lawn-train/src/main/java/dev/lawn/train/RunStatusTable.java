package dev.lawn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@link RunStatus}es as text: a plain aligned table, one line per run sorted by path, or a JSON
 * array for scripts ({@code lawn status} prints these).
 */
public final class RunStatusTable {

  private static final List<String> HEADER = List.of("path", "state", "epoch", "phase", "loss", "metric", "time");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunStatusTable() {}

  /**
   * The table: a header, then per run its path, state, {@code epoch/epochs}, phase, last loss, main
   * metric ({@code name value}), and time ({@code 12m30s left} or {@code took 1h05m}); a run with a
   * problem ends its line with it. Unknown values read {@code -}.
   */
  public static String table(List<RunStatus> statuses) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(HEADER);
    List<String> problems = new ArrayList<>();
    problems.add("");
    for (RunStatus s : sorted(statuses)) {
      String epoch = (s.epoch().isPresent() ? String.valueOf(s.epoch().getAsInt()) : "-") + "/"
          + (s.epochs().isPresent() ? String.valueOf(s.epochs().getAsInt()) : "-");
      String metric = s.metric() == null ? "-" : s.metric() + " " + number(s.metricValue());
      lines.add(List.of(s.directory().toString(), s.state().name().toLowerCase(Locale.ROOT), epoch,
          s.phase() == null ? "-" : s.phase(), number(s.loss()), metric, time(s)));
      problems.add(s.problem() == null ? "" : "problem: " + s.problem());
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = lines.get(l).get(i);
        line.append(i == widths.length - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2));
      }
      if (!problems.get(l).isEmpty()) {
        line.append("  ").append(problems.get(l));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /**
   * One JSON array of objects with the keys {@code path, state, epoch, epochs, step, phase, loss,
   * metric, metric_value, seconds_left, wall_seconds, problem}; unknown values are null.
   */
  public static String json(List<RunStatus> statuses) {
    ArrayNode array = JSON.createArrayNode();
    for (RunStatus s : sorted(statuses)) {
      ObjectNode o = array.addObject();
      o.put("path", s.directory().toString());
      o.put("state", s.state().name().toLowerCase(Locale.ROOT));
      o.put("epoch", s.epoch().isPresent() ? s.epoch().getAsInt() : null);
      o.put("epochs", s.epochs().isPresent() ? s.epochs().getAsInt() : null);
      o.put("step", s.step().isPresent() ? s.step().getAsLong() : null);
      o.put("phase", s.phase());
      o.put("loss", finite(s.loss()));
      o.put("metric", s.metric());
      o.put("metric_value", finite(s.metricValue()));
      o.put("seconds_left", finite(s.secondsLeft()));
      o.put("wall_seconds", finite(s.wallSeconds()));
      o.put("problem", s.problem());
    }
    return array.toString();
  }

  /** A duration as {@code 45s}, {@code 12m05s} or {@code 3h07m}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  private static String time(RunStatus s) {
    if (s.state() == RunStatus.State.FINISHED) {
      return s.wallSeconds().isPresent() ? "took " + duration(s.wallSeconds().getAsDouble()) : "-";
    }
    return s.secondsLeft().isPresent() ? duration(s.secondsLeft().getAsDouble()) + " left" : "-";
  }

  private static String number(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.4f", value.getAsDouble()) : "-";
  }

  /** JSON has no NaN or Infinity: such a value is written as null. */
  private static Double finite(OptionalDouble value) {
    return value.isPresent() && Double.isFinite(value.getAsDouble()) ? value.getAsDouble() : null;
  }

  private static List<RunStatus> sorted(List<RunStatus> statuses) {
    return statuses.stream().sorted(Comparator.comparing(RunStatus::directory)).toList();
  }
}
