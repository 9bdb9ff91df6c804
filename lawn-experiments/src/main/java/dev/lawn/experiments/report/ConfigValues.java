package dev.lawn.experiments.report;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Configuration values as canonical text, so that runs can be grouped and compared by them.
 *
 * <p>Nested maps flatten to dotted keys ({@code model.hidden}); numbers print without trailing
 * zeros or exponent ({@code 1.0E-4} and {@code 0.00010} both become {@code 0.0001}, {@code 256.0}
 * becomes {@code 256}), so that a value written by different tools still lands in one group.
 */
public final class ConfigValues {

  /** Orders values numerically when both are numbers, else as text. */
  public static final Comparator<String> NATURAL_ORDER = ConfigValues::compare;

  private ConfigValues() {}

  /** Flattens a (possibly nested) configuration map to dotted keys and canonical text values. */
  public static Map<String, String> flatten(Map<String, ?> config) {
    Map<String, String> flat = new TreeMap<>();
    flattenInto("", config, flat);
    return Collections.unmodifiableMap(flat);
  }

  private static void flattenInto(String prefix, Map<String, ?> map, Map<String, String> flat) {
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) nested;
        flattenInto(key + ".", typed, flat);
      } else {
        flat.put(key, text(entry.getValue()));
      }
    }
  }

  /** The canonical text of one value (numbers normalized, lists as {@code [a, b]}). */
  public static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConfigValues::text).collect(Collectors.joining(", ", "[", "]"));
    }
    return value.toString();
  }

  private static int compare(String a, String b) {
    Double x = parse(a);
    Double y = parse(b);
    if (x != null && y != null) {
      int byValue = Double.compare(x, y);
      return byValue != 0 ? byValue : a.compareTo(b);
    }
    if (x != null || y != null) {
      return x != null ? -1 : 1; // numbers before words
    }
    return a.compareTo(b);
  }

  private static Double parse(String s) {
    try {
      return Double.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
