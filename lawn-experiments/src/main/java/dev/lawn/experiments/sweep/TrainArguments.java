package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a run's options into {@code lawn train} flags: {@code batch_size: 256} becomes
 * {@code --batch-size 256}, a list becomes comma-separated values, and {@code --out RUN_DIR} comes
 * last.
 */
public final class TrainArguments {

  private TrainArguments() {}

  /** The flags for one run. */
  public static List<String> of(PlannedRun run) {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, Object> option : run.options().entrySet()) {
      args.add(flag(option.getKey()));
      args.add(value(option.getKey(), option.getValue()));
    }
    args.add("--out");
    args.add(run.directory().toString());
    return args;
  }

  /** {@code batch_size -> --batch-size}. */
  public static String flag(String key) {
    return "--" + key.replace('_', '-');
  }

  private static String value(String key, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("train option '" + key + "' has no value (null)");
    }
    if (value instanceof Map<?, ?>) {
      throw new IllegalArgumentException(
          "train option '" + key + "' is a map; options must be values or lists of values");
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConfigValues::text).collect(Collectors.joining(","));
    }
    return ConfigValues.text(value);
  }

  /** For messages and dry runs: the arguments quoted for a POSIX shell where needed. */
  public static String shellText(List<String> command) {
    return command.stream()
        .map(arg -> arg.matches("[A-Za-z0-9_@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
