package dev.lawn.experiments.sweep;

import dev.lawn.experiments.report.ConfigValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Names run directories: a short readable slug of the grid keys that vary, then the seed, e.g.
 * {@code opt-adam_lr-0.001_bs-256_seed-1}. The same point and seed always get the same name, which
 * is what makes a sweep resumable.
 *
 * <p>Common keys are abbreviated; characters that are awkward in a path become {@code -}. A slug
 * longer than {@value #MAX_SLUG} characters is cut and suffixed with a hash of the full point so
 * that it stays unique.
 */
public final class RunNamer {

  /** Longest slug kept verbatim. */
  public static final int MAX_SLUG = 100;

  private static final Map<String, String> ABBREVIATIONS =
      Map.of(
          "batch_size", "bs",
          "weight_decay", "wd",
          "optimizer", "opt",
          "learning_rate", "lr",
          "warmup_epochs", "warmup",
          "label_smoothing", "ls",
          "focal_gamma", "gamma",
          "e_free", "efree");

  private RunNamer() {}

  /** The directory name of a run. */
  public static String name(Map<String, Object> gridPoint, List<String> varyingKeys, long seed) {
    String slug =
        varyingKeys.stream()
            .map(key -> abbreviation(key) + "-" + safe(ConfigValues.text(gridPoint.get(key))))
            .collect(Collectors.joining("_"));
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG - 9) + "-" + hash(gridPoint);
    }
    return (slug.isEmpty() ? "run" : slug) + "_seed-" + seed;
  }

  /** Eight hex digits of SHA-256 over the point's canonical text: a collision breaker. */
  public static String hash(Map<String, Object> gridPoint) {
    String canonical =
        gridPoint.entrySet().stream()
            .map(e -> e.getKey() + "=" + ConfigValues.text(e.getValue()))
            .collect(Collectors.joining("\n"));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String abbreviation(String key) {
    return ABBREVIATIONS.getOrDefault(key, safe(key.replace('_', '-')));
  }

  private static String safe(String text) {
    return text.replaceAll("[^A-Za-z0-9.+-]+", "-");
  }
}
