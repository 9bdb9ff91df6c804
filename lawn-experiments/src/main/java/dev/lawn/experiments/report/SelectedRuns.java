package dev.lawn.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.experiments.SweepFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps, of the runs inside a sweep's output folder, only those of the grid point the sweep selected
 * (its {@code sweep-summary.json}: {@code selection.best_point}); runs outside any sweep are kept.
 * This is how a table shows each cell's chosen configuration over its final seeds.
 */
final class SelectedRuns {

  static final String SWEEP_SUMMARY = SweepFolder.SUMMARY_JSON;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Path, Optional<Map<String, String>>> bestPointBySweep = new HashMap<>();

  /** The runs to keep. */
  List<RunRecord> filter(List<RunRecord> runs) throws IOException {
    List<RunRecord> kept = new ArrayList<>();
    for (RunRecord run : runs) {
      Optional<Map<String, String>> best = bestPoint(run.directory());
      if (best.isEmpty() || matches(run, best.get())) {
        kept.add(run);
      }
    }
    return kept;
  }

  private static boolean matches(RunRecord run, Map<String, String> point) {
    for (Map.Entry<String, String> e : point.entrySet()) {
      String actual = run.config().get(e.getKey());
      if (actual == null || !sameValue(actual, e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Numerically equal when both parse as numbers ({@code "5"} and {@code 5.0}), else textually. */
  private static boolean sameValue(String a, String b) {
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException notNumbers) {
      return a.equals(b);
    }
  }

  /** The best point of the nearest enclosing sweep, or empty when the run is in no sweep. */
  private Optional<Map<String, String>> bestPoint(Path runDir) throws IOException {
    for (Path dir = runDir.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
      Path summary = dir.resolve(SWEEP_SUMMARY);
      if (Files.isRegularFile(summary)) {
        Optional<Map<String, String>> cached = bestPointBySweep.get(summary);
        if (cached == null) {
          cached = read(summary);
          bestPointBySweep.put(summary, cached);
        }
        return cached;
      }
    }
    return Optional.empty();
  }

  private static Optional<Map<String, String>> read(Path summary) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(summary.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(summary + ": malformed JSON: " + e.getMessage());
    }
    JsonNode best = root.path("selection").path("best_point");
    if (!best.isObject()) {
      // A sweep without a selection (or none yet): nothing to choose, keep its runs.
      return Optional.empty();
    }
    Map<String, String> point = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = best.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      point.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    }
    return Optional.of(point);
  }
}
