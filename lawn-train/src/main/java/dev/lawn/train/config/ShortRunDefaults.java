package dev.lawn.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lawn.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Defaults that cannot hold for a short run. The default schedule ({@code --warmup-epochs 2} and
 * {@code --e-free 5} of {@code --epochs 20}) does not fit a run of fewer epochs; when the user gave
 * neither value, they are scaled to the same fractions of the run ({@code epochs / 10} warm-up
 * epochs, {@code round(epochs / 4)} free epochs) and the change is said. A value the user gave is
 * never changed: an impossible one stays an error that names its option.
 *
 * <p>Applied by {@link TrainOptions#resolve}, so that {@code lawn train}, a sweep's resolver and
 * {@code TrainMain} scale the same way.
 */
final class ShortRunDefaults {

  private ShortRunDefaults() {}

  /**
   * Scales the defaults in {@code tree} (a {@link TrainConfig} in snake_case) that exceed its
   * {@code epochs}, unless their key is in {@code explicitKeys}.
   *
   * @return one note per scaled value, empty when nothing changed
   */
  static List<String> apply(ObjectNode tree, Set<String> explicitKeys) {
    TrainConfig defaults = TrainConfig.defaults();
    JsonNode epochsNode = tree.get("epochs");
    if (epochsNode == null || !epochsNode.canConvertToInt() || epochsNode.asInt() < 1) {
      return List.of(); // validation names --epochs
    }
    int epochs = epochsNode.asInt();
    List<String> changes = new ArrayList<>();
    JsonNode warmup = tree.get("warmup_epochs");
    OptimizerSettings schedule = defaults.optimizer();
    if (!explicitKeys.contains("warmup_epochs") && warmup != null && warmup.isNumber() && warmup.asDouble() > epochs) {
      double scaled = epochs * schedule.warmupEpochs() / schedule.epochs();
      tree.put("warmup_epochs", scaled);
      changes.add(String.format(Locale.ROOT, "--warmup-epochs %s", trim(scaled)));
    }
    JsonNode eFree = tree.get("e_free");
    boolean lawn = tree.path("optimizer").asText("").toLowerCase(Locale.ROOT).endsWith(OptimizerChoice.LAWN_SUFFIX);
    int defaultFree = defaults.lawn().eFree().epochCount(); // -1 unless the default is an epoch count
    if (lawn && !explicitKeys.contains("e_free") && defaultFree >= 0 && eFree != null && isCount(eFree.asText())
        && Integer.parseInt(eFree.asText().strip()) > epochs) {
      long scaled = Math.round((double) epochs * defaultFree / schedule.epochs());
      tree.put("e_free", Long.toString(scaled));
      changes.add("--e-free " + scaled + (scaled == 0 ? " (norms fixed at initialization)" : ""));
    }
    if (changes.isEmpty()) {
      return List.of();
    }
    return List.of(String.format(Locale.ROOT,
        "--epochs %d is shorter than the default schedule (--warmup-epochs %s, --e-free %s of %d epochs); "
            + "scaled to the same fractions: %s. Pass these options to choose other values.",
        epochs, trim(schedule.warmupEpochs()), defaults.lawn().eFree(), schedule.epochs(), String.join(", ", changes)));
  }

  private static boolean isCount(String text) {
    return text != null && text.strip().matches("\\d{1,9}");
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
