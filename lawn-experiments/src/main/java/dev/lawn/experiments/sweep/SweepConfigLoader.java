package dev.lawn.experiments.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lawn.train.ConfigFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a sweep file (YAML, or JSON when the name ends in {@code .json}):
 *
 * <pre>{@code
 * base: {model: ncf-mlp, data: movielens-100k, epochs: 300, optimizer: adam}
 * grid: {lr: [0.001, 0.003], batch_size: [256, 4096]}
 * seeds: [1, 2, 3]
 * out: runs/ncf-sweep          # relative to the current directory
 * parallel: 2                  # optional, default 1; each run then gets threads = cores / 2 unless set
 * select: {metric: val_hr@10, mode: max}   # optional; report: hr@10 (default: metric minus val_)
 * final_seeds: [1, 2, 3, 4, 5] # optional, needs select
 * }</pre>
 *
 * Errors name the file, and the line for syntax errors; unknown keys are errors (a typo would
 * otherwise silently run the wrong sweep).
 */
public final class SweepConfigLoader {

  /** Keys allowed at the top level. */
  public static final Set<String> KEYS =
      Set.of("base", "grid", "seeds", "out", "parallel", "select", "final_seeds");

  /** Seeds when the file lists none. */
  public static final List<Long> DEFAULT_SEEDS = List.of(1L);

  /** Runs at a time when the file does not say. */
  public static final int DEFAULT_PARALLEL = 1;

  /** Reads and validates a sweep file. */
  public SweepConfig load(Path file) throws IOException {
    Object root = parse(file, ConfigFiles.read("", file));
    if (!(root instanceof Map<?, ?> rootMap)) {
      throw error(file, "expected a map with keys " + new TreeSet<>(KEYS));
    }
    Map<String, Object> top = stringKeys(rootMap);
    for (String key : top.keySet()) {
      if (!KEYS.contains(key)) {
        throw error(file, "unknown key '" + key + "' (allowed: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
      }
    }
    Map<String, Object> base = map(file, "base", top.get("base"));
    Map<String, List<Object>> grid = new LinkedHashMap<>();
    map(file, "grid", top.get("grid"))
        .forEach(
            (key, values) -> {
              if (!(values instanceof List<?> list)) {
                throw error(file, "grid." + key + " must be a list of values, e.g. [0.001, 0.01]");
              }
              grid.put(key, new ArrayList<>(list));
            });
    List<Long> seeds = top.containsKey("seeds") ? integers(file, "seeds", top.get("seeds")) : DEFAULT_SEEDS;
    List<Long> finalSeeds =
        top.containsKey("final_seeds") ? integers(file, "final_seeds", top.get("final_seeds")) : List.of();
    Object out = top.get("out");
    if (out != null && !(out instanceof String)) {
      throw error(file, "out must be a directory path");
    }
    int parallel = DEFAULT_PARALLEL;
    if (top.containsKey("parallel")) {
      parallel = Math.toIntExact(integer(file, "parallel", top.get("parallel")));
    }
    return new SweepConfig(
        file,
        base,
        grid,
        seeds,
        out == null ? null : Path.of((String) out),
        parallel,
        selection(file, top.get("select")),
        finalSeeds);
  }

  private static Optional<Selection> selection(Path file, Object raw) {
    if (raw == null) {
      return Optional.empty();
    }
    Map<String, Object> select = map(file, "select", raw);
    for (String key : select.keySet()) {
      if (!Set.of("metric", "mode", "report").contains(key)) {
        throw error(file, "unknown key 'select." + key + "' (allowed: metric, mode, report)");
      }
    }
    Object metric = select.get("metric");
    if (!(metric instanceof String)) {
      throw error(file, "select.metric must name a summary.json metric, e.g. val_hr@10");
    }
    String mode = String.valueOf(select.getOrDefault("mode", "max")).toLowerCase(Locale.ROOT);
    if (!mode.equals("max") && !mode.equals("min")) {
      throw error(file, "select.mode must be max or min, got " + mode);
    }
    Object report = select.get("report");
    return Optional.of(
        new Selection((String) metric, mode.equals("max"), report == null ? null : report.toString()));
  }

  private static Object parse(Path file, String text) {
    ObjectMapper mapper = ConfigFiles.isJson(file) ? new JsonMapper() : new YAMLMapper();
    try {
      return mapper.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw ConfigFiles.syntaxError("", file, e);
    }
  }

  private static Map<String, Object> map(Path file, String name, Object raw) {
    if (raw == null) {
      return new LinkedHashMap<>();
    }
    if (!(raw instanceof Map<?, ?> map)) {
      throw error(file, name + " must be a map of key: value");
    }
    return stringKeys(map);
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> typed = new LinkedHashMap<>();
    map.forEach((k, v) -> typed.put(String.valueOf(k), v));
    return typed;
  }

  private static List<Long> integers(Path file, String name, Object raw) {
    if (!(raw instanceof List<?> list)) {
      throw error(file, name + " must be a list of integers, e.g. [1, 2, 3]");
    }
    List<Long> values = new ArrayList<>();
    for (Object value : list) {
      values.add(integer(file, name, value));
    }
    return values;
  }

  private static long integer(Path file, String name, Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw error(file, name + " must be integers, got " + value);
  }

  private static IllegalArgumentException error(Path file, String problem) {
    return new IllegalArgumentException(file + ": " + problem);
  }
}
