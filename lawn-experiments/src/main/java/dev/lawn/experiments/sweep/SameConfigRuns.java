package dev.lawn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the finished runs in a folder that computed what a planned run would compute: same
 * {@code config.json} up to the keys that only say how a run is run.
 *
 * <p>The rule is lawn-train's own rule for resuming a run folder ({@code RunDirectory}): compare
 * every key of the wanted configuration as JSON text, skip {@link RunDirectory#RESUMABLE_KEYS}, and
 * treat a key missing from an older config.json as its {@link RunDirectory#LATER_KEYS} value. A run that lawn train would
 * resume with the planned settings is a run the sweep may reuse once it has finished.
 */
public final class SameConfigRuns {

  private SameConfigRuns() {}

  /**
   * The keys on which an earlier run's configuration differs from the wanted one, as
   * {@code key old -> new}; empty when the earlier run computed the same thing.
   */
  public static List<String> differences(JsonNode previous, JsonNode wanted) {
    return RunDirectory.differences(previous, wanted);
  }

  /**
   * The finished runs directly inside {@code folder} whose configuration is the wanted one, in name
   * order. Unfinished runs (no summary.json) are never returned: a later invocation may be about to
   * resume them. Folders without a readable config.json are passed over.
   *
   * @param folder the sweep's output folder; nothing is found when it does not exist
   * @param wanted the planned run's configuration, as lawn train would write it
   * @param excluded run directories not to return (those the sweep itself plans)
   */
  public static List<Path> finishedMatches(Path folder, JsonNode wanted, Set<Path> excluded) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> matches = new ArrayList<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path dir : entries.sorted().toList()) {
        if (Files.isDirectory(dir)
            && !excluded.contains(dir.toAbsolutePath().normalize())
            && Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))
            && sameConfig(dir, wanted)) {
          matches.add(dir);
        }
      }
    }
    return matches;
  }

  private static boolean sameConfig(Path runDir, JsonNode wanted) {
    if (!Files.isRegularFile(runDir.resolve(RunDirectory.CONFIG))) {
      return false;
    }
    try {
      JsonNode previous = RunDirectory.existing(runDir).readJson(RunDirectory.CONFIG);
      return previous != null && previous.isObject() && differences(previous, wanted).isEmpty();
    } catch (IOException e) {
      return false; // a damaged config.json says nothing about what the run computed
    }
  }
}
