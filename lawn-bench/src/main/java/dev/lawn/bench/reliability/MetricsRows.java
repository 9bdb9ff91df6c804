package dev.lawn.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.RunReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of a run's {@code metrics.jsonl} and their comparison with a reference run's: every
 * numeric value but timings must agree, {@code loss} is reported separately.
 */
final class MetricsRows {

  static final ObjectMapper JSON = new ObjectMapper();

  private MetricsRows() {}

  /** Every row of {@code runDir/metrics.jsonl}, read by lawn-train's {@link RunReader}, as JSON trees. */
  static List<JsonNode> read(Path runDir) throws IOException {
    return RunReader.metrics(runDir).stream().map(row -> (JsonNode) JSON.valueToTree(row.fields())).toList();
  }

  /**
   * The agreement of {@code rows} with the reference rows of the same epochs.
   *
   * @param firstEpoch rows of {@code reference} before this epoch are not expected in {@code rows}
   */
  static Agreement compare(List<JsonNode> reference, List<JsonNode> rows, int firstEpoch) {
    List<JsonNode> expected = reference.stream().filter(r -> r.path("epoch").asInt() >= firstEpoch).toList();
    List<Integer> epochs = rows.stream().map(r -> r.path("epoch").asInt()).toList();
    List<Integer> expectedEpochs = expected.stream().map(r -> r.path("epoch").asInt()).toList();
    if (!epochs.equals(expectedEpochs)) {
      return new Agreement(rows.size(), Double.NaN, Double.NaN, "epochs " + epochs + " instead of " + expectedEpochs);
    }
    double lossDiff = 0;
    double otherDiff = 0;
    String worst = null;
    for (int i = 0; i < rows.size(); i++) {
      for (Iterator<String> keys = expected.get(i).fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (key.contains("second")) {
          continue; // timings differ between any two runs
        }
        JsonNode a = expected.get(i).get(key);
        JsonNode b = rows.get(i).get(key);
        if (b == null || a.isNumber() != b.isNumber() || (!a.isNumber() && !a.equals(b))) {
          return new Agreement(rows.size(), Double.NaN, Double.NaN,
              "epoch " + epochs.get(i) + " " + key + ": " + a + " vs " + b);
        }
        if (a.isNumber()) {
          double d = relativeDifference(a.asDouble(), b.asDouble());
          if (key.equals("loss")) {
            lossDiff = Math.max(lossDiff, d);
          } else if (d > otherDiff) {
            otherDiff = d;
            worst = "epoch " + epochs.get(i) + " " + key + ": " + a + " vs " + b;
          }
        }
      }
    }
    return new Agreement(rows.size(), lossDiff, otherDiff, worst);
  }

  static double relativeDifference(double a, double b) {
    if (a == b) {
      return 0;
    }
    return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }

  /**
   * @param rows rows compared
   * @param lossMaxRelative largest relative difference of {@code loss} (NaN when the rows do not line up)
   * @param otherMaxRelative largest relative difference of any other numeric value
   * @param note the mismatch that stopped the comparison, or the largest other difference, or null
   */
  record Agreement(int rows, double lossMaxRelative, double otherMaxRelative, String note) {

    boolean lined() {
      return !Double.isNaN(lossMaxRelative);
    }

    /** Agreement within {@code tolerance} (0 = bit-exact). */
    boolean within(double tolerance) {
      return lined() && lossMaxRelative <= tolerance && otherMaxRelative <= tolerance;
    }

    String describe() {
      if (!lined()) {
        return note;
      }
      return rows + " rows; loss max relative difference " + lossMaxRelative
          + (lossMaxRelative == 0 ? " (bit-exact)" : "") + "; other metrics " + otherMaxRelative
          + (note == null ? "" : " (largest: " + note + ")");
    }
  }
}
