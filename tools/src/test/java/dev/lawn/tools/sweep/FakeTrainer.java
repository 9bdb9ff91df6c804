package dev.lawn.tools.sweep;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.TrainConfigJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for {@code lawn train}: parses {@code --key value} flags, writes config.json (as lawn
 * train does, through {@link RunDirectory#openForTraining}, so it also refuses a finished or
 * differently configured folder), then metrics.jsonl and summary.json into {@code --out} with
 * {@code val_hr@10 = 0.6 + 10 lr + 0.05 [optimizer=lamb] + 0.001 seed} and
 * {@code hr@10 = val_hr@10 - 0.02}. With {@code --fail-code N} it writes a partial
 * metrics.jsonl and a checkpoint marker, prints to stderr and exits N (an interrupted run).
 */
public final class FakeTrainer {

  private static final JsonMapper JSON = new JsonMapper();

  private FakeTrainer() {}

  /** Child-process entry point. */
  public static void main(String[] args) throws IOException {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Parses {@code --key value} pairs into snake_case keys. */
  public static Map<String, String> options(List<String> args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      if (!args.get(i).startsWith("--") || i + 1 >= args.size()) {
        throw new IllegalArgumentException("expected --key value pairs, got " + args);
      }
      options.put(args.get(i).substring(2).replace('-', '_'), args.get(i + 1));
    }
    return options;
  }

  /**
   * The configuration lawn train would resolve from these options: its defaults with each option's
   * text put in (Jackson converts {@code "0.01"} to a number where the field is one). Deliberately
   * not {@code lawn train}'s own parsing, so that the sweep's resolution is checked against an
   * independent one. {@code --fail-code} is the fake's own and {@code --out} is not a setting.
   */
  public static TrainConfig trainConfig(Map<String, String> options) throws IOException {
    ObjectNode tree = JSON.valueToTree(TrainConfig.defaults());
    options.forEach(
        (key, value) -> {
          if (!key.equals("out") && !key.equals("fail_code")) {
            tree.put(key, value);
          }
        });
    return JSON.treeToValue(tree, TrainConfigJson.class).toConfig();
  }

  /** Validation score of a configuration, as documented on the class. */
  public static double validationScore(Map<String, String> options) {
    double lr = Double.parseDouble(options.getOrDefault("lr", "0"));
    double bonus = "lamb".equals(options.get("optimizer")) ? 0.05 : 0;
    return 0.6 + 10 * lr + bonus + 0.001 * Long.parseLong(options.get("seed"));
  }

  /** Trains (pretends to) and returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    Map<String, String> options = options(args);
    Path dir = Path.of(options.get("out"));
    try (RunDirectory run = RunDirectory.openForTraining(dir, trainConfig(options))) { // held like lawn train's
      return train(options, dir, out, err);
    }
  }

  private static int train(Map<String, String> options, Path dir, PrintStream out, PrintStream err) throws IOException {
    out.println("fake training " + options);
    double val = validationScore(options);
    Path metrics = dir.resolve("metrics.jsonl");
    Files.writeString(metrics, JSON.writeValueAsString(Map.of("epoch", 1, "val_hr@10", val / 2, "phase", "free")) + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (options.containsKey("fail_code")) {
      Files.writeString(dir.resolve("checkpoint"), "epoch 1");
      err.println("fake trainer killed at epoch 1");
      return Integer.parseInt(options.get("fail_code"));
    }
    Map<String, Object> config = new LinkedHashMap<>(options);
    config.remove("out");
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("val_hr@10", val);
    summary.put("hr@10", val - 0.02);
    summary.put("resumed", Files.exists(dir.resolve("checkpoint")));
    summary.put("config", config);
    Path temp = dir.resolve("summary.json.tmp");
    Files.writeString(temp, JSON.writeValueAsString(summary));
    Files.move(temp, dir.resolve("summary.json"));
    return 0;
  }
}
