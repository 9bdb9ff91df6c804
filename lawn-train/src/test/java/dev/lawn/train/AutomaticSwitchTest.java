package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.ops.switching.EpochObservation;
import dev.lawn.ops.switching.MarginLevelRule;
import dev.lawn.ops.switching.SwitchGate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --e-free margin-level:L} in the trainer: the rule's epoch, its record, and the same decision after a resume. */
class AutomaticSwitchTest {

  @TempDir static Path shared;
  static Path data;

  @BeforeAll
  static void data() throws IOException {
    data = SyntheticRatings.write(shared.resolve("data"), 60, 150, 20, 7);
  }

  static TrainConfig config(String eFree, double warmupEpochs, int epochs) {
    return TrainConfig.builder().dataDir(data.toString()).lr(3e-3).batchSize(512).epochs(epochs)
        .warmupEpochs(warmupEpochs).eFree(eFree).seed(3).threads(1).build();
  }

  static List<EpochObservation> observed(List<JsonNode> rows) {
    List<EpochObservation> h = new ArrayList<>();
    for (JsonNode r : rows) {
      h.add(new EpochObservation(r.get("epoch").asInt(), r.get("loss").asDouble(), r.get("margin_p50").asDouble()));
    }
    return h;
  }

  @Test
  void marginLevelSwitchesWhereTheLoggedHistorySaysAndTheSameAfterAResume(@TempDir Path out) throws IOException {
    // The free run's margins: a level the median reaches at the end of epoch 4 or later.
    new Trainer(config("never", 1, 6), out.resolve("free"), new TrainingListener() {}).run();
    List<JsonNode> free = TrainerTest.rows(out.resolve("free"));
    double level = free.get(3).get("margin_p50").asDouble();
    assertTrue(level > 0, "the synthetic data should give positive median margins: " + free);
    String rule = "margin-level:" + level;
    OptionalInt expected = new SwitchGate(new MarginLevelRule(level), 1).replay(observed(free));
    assertTrue(expected.isPresent() && expected.getAsInt() <= 4, expected.toString());

    Map<String, Object> summary = new Trainer(config(rule, 1, 6), out.resolve("straight"), new TrainingListener() {}).run();
    assertEquals(expected.getAsInt(), ((Number) summary.get("switch_epoch")).intValue());
    assertEquals(rule, summary.get("switch_rule"));
    assertTrue(((String) summary.get("switch_reason")).startsWith(rule + ": median training margin"),
        (String) summary.get("switch_reason"));
    List<JsonNode> rows = TrainerTest.rows(out.resolve("straight"));
    for (JsonNode r : rows) {
      assertEquals(r.get("epoch").asInt() < expected.getAsInt() ? "free" : "constrained", r.get("phase").asText());
      assertTrue(r.get("margin_max").asDouble() >= r.get("margin_p90").asDouble(), r.toString());
      assertTrue(r.get("logit_scale_product").asDouble() > 0, r.toString());
    }
    // LAWN holds the constrained groups' norm product from the switch on.
    double held = rows.get(expected.getAsInt() - 1).get("norm_product").asDouble();
    for (JsonNode r : rows.subList(expected.getAsInt() - 1, rows.size())) {
      assertEquals(held, r.get("norm_product").asDouble(), 1e-4 * held, r.toString());
    }

    // Killed before the switch epoch: the resumed run needs the checkpoint's history to decide alike.
    int killAt = expected.getAsInt() - 1; // 0-based epoch about to start = epochs completed
    Path broken = out.resolve("broken");
    var kill = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch) {
        if (epoch == killAt) {
          throw new IllegalStateException("simulated kill");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> new Trainer(config(rule, 1, 6), broken, kill).run());
    List<Integer> switched = new ArrayList<>();
    Map<String, Object> resumed = new Trainer(config(rule, 1, 6), broken, new TrainingListener() {
      @Override
      public void onSwitch(int completedEpochs, long step, String reason) {
        switched.add(completedEpochs);
      }
    }).run();
    assertEquals(List.of(expected.getAsInt()), switched, "one switch, at the same epoch");
    assertEquals(summary.get("switch_reason"), resumed.get("switch_reason"));
    TrainerTest.assertRowsClose(rows, TrainerTest.rows(broken), 0);
  }

  @Test
  void aRuleThatHoldsFromTheStartWaitsForTheWarmupAndSwitchesOnce(@TempDir Path out) throws IOException {
    List<String> reasons = new ArrayList<>();
    Map<String, Object> summary = new Trainer(config("margin-level:1e-9", 3, 5), out.resolve("run"),
        new TrainingListener() {
          @Override
          public void onSwitch(int completedEpochs, long step, String reason) {
            reasons.add(completedEpochs + " " + reason);
          }
        }).run();
    assertEquals(3, ((Number) summary.get("switch_epoch")).intValue(), "at the end of the warm-up, not before");
    assertEquals(1, reasons.size(), reasons.toString());
    assertTrue(reasons.get(0).startsWith("3 margin-level:1.0E-9: "), reasons.toString());
  }
}
