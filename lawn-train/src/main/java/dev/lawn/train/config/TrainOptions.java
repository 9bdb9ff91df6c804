package dev.lawn.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lawn.train.ConfigFiles;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.TrainConfigJson;
import dev.lawn.train.UserErrors;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lawn train}'s options as a library: how options given by name (flags, a sweep's grid point, a
 * Java map) and a settings file become a {@link TrainConfig}. The command line, a sweep's resolver and
 * {@link dev.lawn.train.TrainMain} all go through {@link #resolve}, so one set of options makes one
 * configuration wherever it is given.
 *
 * <pre>{@code
 * TrainOptions.Resolved r = TrainOptions.resolve(Map.of("model", "ncf-mlp", "epochs", 8), Path.of("base.yaml"));
 * r.notes().forEach(System.err::println);             // defaults scaled to the short run, if any
 * new Trainer(RunPreflight.check(r.config()), out, listener).run();
 * }</pre>
 *
 * <p>Precedence: {@link TrainConfig#defaults()}, then the file (YAML or JSON, keys in snake_case or
 * kebab-case; an unknown key is an error, {@code out} is ignored), then the options given. Then the
 * warm-up and free epochs that the user did not give are scaled down for a run shorter than the default
 * schedule (the notes say how). Every value is checked once, and an impossible one fails with an
 * {@link IllegalArgumentException} naming its option (and the file).
 */
public final class TrainOptions {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TrainOptions() {}

  /**
   * A resolved configuration.
   *
   * @param config every value parsed and checked
   * @param notes what the resolution changed on its own (scaled defaults), one sentence each, to be
   *     told to the user; empty when nothing was changed
   */
  public record Resolved(TrainConfig config, List<String> notes) {

    /** Freezes the notes. */
    public Resolved {
      notes = List.copyOf(notes);
    }
  }

  /**
   * A {@code lawn train} argument list, split.
   *
   * @param options the options given, by snake_case key in the order given, each typed as its option
   *     ({@code "5"} for {@code --e-free 5}, {@code 256} for {@code --batch-size 256})
   * @param out {@code --out}, null when absent
   * @param config {@code --config}, null when absent
   */
  public record Flags(Map<String, Object> options, Path out, Path config) {

    /** Freezes the options, keeping their order. */
    public Flags {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
  }

  /** The configuration of parsed flags: {@code resolve(flags.options(), flags.config())}. */
  public static Resolved resolve(Flags flags) {
    return resolve(flags.options(), flags.config());
  }

  /**
   * The configuration that {@code explicitOptions} and the file make (see the class comment).
   *
   * @param explicitOptions options by key ({@code batch_size} or {@code batch-size}); values as
   *     their option's type or as text ({@code "0.01"}); a null value is not given (the file's or the
   *     default value stands)
   * @param configFileOrNull a YAML or JSON file of options ({@code --config}), or null
   * @throws IllegalArgumentException naming the option (and the file) for an unknown option, an
   *     unreadable or malformed file, or an impossible value
   */
  public static Resolved resolve(Map<String, ?> explicitOptions, Path configFileOrNull) {
    ObjectNode tree = YAML.valueToTree(TrainConfig.defaults());
    Set<String> explicit = new HashSet<>();
    if (configFileOrNull != null) {
      overlayFile(tree, explicit, configFileOrNull);
    }
    for (Map.Entry<String, ?> option : explicitOptions.entrySet()) {
      String key = OptionValues.key(option.getKey());
      if (key == null) {
        throw new IllegalArgumentException(unknown(option.getKey()));
      }
      if (option.getValue() != null) {
        tree.set(key, YAML.valueToTree(OptionValues.typed(key, option.getValue())));
        explicit.add(key);
      }
    }
    List<String> notes = ShortRunDefaults.apply(tree, explicit);
    TrainConfigJson json;
    try {
      json = YAML.treeToValue(tree, TrainConfigJson.class);
    } catch (JsonProcessingException e) {
      // A value of the wrong type, from the file (the options given were typed above): name its option.
      String option = e instanceof JsonMappingException m && !m.getPath().isEmpty()
          && m.getPath().get(0).getFieldName() != null
          ? OptionValues.flag(m.getPath().get(0).getFieldName()) + ": " : "";
      throw new IllegalArgumentException((configFileOrNull != null ? "--config " + configFileOrNull + ": " : "")
          + option + UserErrors.oneLine(e.getOriginalMessage()));
    }
    return new Resolved(json.toConfig(), notes); // each value parsed into its type, once; a bad one names its option
  }

  private static void overlayFile(ObjectNode tree, Set<String> explicit, Path file) {
    String label = "--config ";
    JsonNode values;
    try {
      values = YAML.readTree(ConfigFiles.read(label, file));
    } catch (JsonProcessingException e) {
      throw ConfigFiles.syntaxError(label, file, e);
    }
    if (values == null || !values.isObject()) {
      throw new IllegalArgumentException(label + file + ": expected a map of options");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().replace('-', '_');
      if (key.equals("out")) {
        continue; // a file may say where its runs go (sweeps' base files do); the run directory is an argument
      }
      if (!tree.has(key)) {
        throw new IllegalArgumentException(label + file + ": unknown option '" + e.getKey() + "'");
      }
      tree.set(key, e.getValue());
      explicit.add(key);
    }
  }

  /**
   * Splits {@code lawn train}'s arguments: {@code --key value} or {@code --key=value} pairs, every
   * option with a value (a switch such as {@code --validation} takes {@code true}/{@code false} or
   * stands alone for {@code true}), keys in kebab-case; {@code --out} and
   * {@code --config} are taken out. The same list starts {@code lawn train} and
   * {@link dev.lawn.train.TrainMain} alike.
   *
   * @throws IllegalArgumentException naming the argument: not an option, an unknown option, one
   *     without a value or given twice, or a value not of its option's type
   */
  public static Flags parseFlags(List<String> args) {
    Map<String, Object> options = new LinkedHashMap<>();
    Path out = null;
    Path config = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "': options are --key value");
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      String key = name.contains("_") ? null : OptionValues.key(name);
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else if (key != null && OptionValues.isSwitch(key)) {
        value = "true"; // a bare switch, as lawn train takes it
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      boolean repeated = switch (name) {
        case "out" -> out != null;
        case "config" -> config != null;
        default -> key != null && options.containsKey(key);
      };
      if (repeated) {
        throw new IllegalArgumentException("--" + name + " is given twice");
      }
      switch (name) {
        case "out" -> out = Path.of(value);
        case "config" -> config = Path.of(value);
        default -> {
          if (key == null) {
            throw new IllegalArgumentException(unknown("--" + name));
          }
          options.put(key, OptionValues.typed(key, value));
        }
      }
    }
    return new Flags(options, out, config);
  }

  /** The snake_case keys of every option, in {@code config.json} order. */
  public static Set<String> keys() {
    return OptionValues.keys();
  }

  private static String unknown(String name) {
    String bare = name.replaceFirst("^--", "");
    return "unknown option '" + name + "'" + (bare.equals("out") || bare.equals("config")
        ? " in the options (the run directory and the config file are separate arguments)" : "");
  }
}
