package dev.lawn.train.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.lawn.train.TrainConfigJson;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The training options by key and type: every component of {@link TrainConfigJson} (the keys of
 * {@code config.json}), so that an option added there is an option here without a list to keep.
 * A value given as text (a flag) or as any Java value is turned into the option's type once, with an
 * error naming the option, as picocli types {@code lawn train}'s flags.
 */
final class OptionValues {

  /** snake_case key to the type {@link TrainConfigJson} holds it in, in config.json order. */
  private static final Map<String, Class<?>> TYPES = types();

  private OptionValues() {}

  private static Map<String, Class<?>> types() {
    var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
    Map<String, Class<?>> types = new LinkedHashMap<>();
    for (RecordComponent component : TrainConfigJson.class.getRecordComponents()) {
      types.put(snake.translate(component.getName()), component.getType());
    }
    return Collections.unmodifiableMap(types);
  }

  /** The snake_case keys of every option. */
  static Set<String> keys() {
    return TYPES.keySet();
  }

  /**
   * The snake_case key of {@code name}, given in snake_case or kebab-case.
   *
   * @return null when no option has that name
   */
  static String key(String name) {
    String key = name.replace('-', '_');
    return TYPES.containsKey(key) ? key : null;
  }

  /** The type {@link TrainConfigJson} holds the option in ({@code Integer} for {@code batch_size}), null for no option. */
  static Class<?> type(String key) {
    return TYPES.get(key);
  }

  /** Whether the option is a switch ({@code --validation} alone means {@code true}, as in {@code lawn train}). */
  static boolean isSwitch(String key) {
    Class<?> type = TYPES.get(key);
    return type == boolean.class || type == Boolean.class;
  }

  /** {@code batch_size -> --batch-size}, for messages. */
  static String flag(String key) {
    return "--" + key.replace('_', '-');
  }

  /**
   * {@code value} as the option's type: text is parsed (a number, {@code true}/{@code false}), a
   * number is converted when it fits exactly, a list of values becomes comma-separated text.
   *
   * @throws IllegalArgumentException "--key: 'value' is not ..." when it cannot be
   */
  static Object typed(String key, Object value) {
    Class<?> type = TYPES.get(key);
    if (type == String.class) {
      return value instanceof List<?> list
          ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
          : value instanceof Path path ? path.toString() : String.valueOf(value);
    }
    String text = String.valueOf(value).strip();
    try {
      if (type == Double.class) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
      }
      if (type == Integer.class) {
        return value instanceof Number n ? Math.toIntExact(exactLong(n)) : Integer.parseInt(text);
      }
      if (type == Long.class) {
        return value instanceof Number n ? exactLong(n) : Long.parseLong(text);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(flag(key) + ": '" + value + "' is not "
          + (type == Double.class ? "a number" : "an integer"));
    }
    if (type == Boolean.class) {
      if (value instanceof Boolean b) {
        return b;
      }
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(flag(key) + ": '" + value + "' is not true or false");
      };
    }
    throw new IllegalStateException("option " + key + " has an unexpected type " + type); // a new TrainConfigJson type
  }

  private static long exactLong(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new ArithmeticException("not integral");
      }
      if (Math.abs(d) >= 0x1p63) {
        throw new ArithmeticException("out of range");
      }
      return (long) d;
    }
    if (n instanceof java.math.BigInteger || n instanceof java.math.BigDecimal) {
      return new java.math.BigDecimal(n.toString()).longValueExact();
    }
    return n.longValue();
  }
}
