package dev.lawn.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.image.ImageSize;
import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.optim.OptimizerSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each settings record refuses a bad value with one line that names its option as on the command line. */
class SettingsValidationTest {

  private static void names(String option, Executable make) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
    assertTrue(e.getMessage().startsWith(option), option + ": " + e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void modelSettings() {
    names("--model", () -> new ModelSettings(" ", 1, null));
    names("--model: unknown model 'alexnet' (known: ncf-mlp", () -> new ModelSettings("alexnet", 1, null));
    names("--width-multiplier must be a finite number > 0, got 0.0", () -> new ModelSettings("mlp", 0, null));
    names("--width-multiplier", () -> new ModelSettings("mlp", Double.NaN, null));
    assertEquals("32", new ModelSettings("mlp", 1, new ImageSize(32, 32)).imageSizeText());
    assertEquals("224x160", new ModelSettings("mlp", 1, new ImageSize(224, 160)).imageSizeText());
  }

  @Test
  void dataSettings() {
    names("--data is required", () -> new DataSettings(null, null, false, 1, 1, 0, null, 0));
    names("--data: unknown data set 'imagenet'", () -> new DataSettings("imagenet", null, false, 1, 1, 0, null, 0));
    names("--validation-size must be positive, got 0", () -> new DataSettings("mnist", null, true, 0, 1, 0, null, 0));
    names("--negatives must be positive, got -1", () -> new DataSettings("mnist", null, true, 1, -1, 0, null, 0));
    names("--train-size must be >= 0, got -1", () -> new DataSettings("mnist", null, true, 1, 1, 0, null, -1));
    DataSettings ncf = new DataSettings("ncf:pinterest-20", Path.of("d"), false, 1, 1, 0, null, 0);
    assertEquals(Augmentation.CROP_FLIP, ncf.augmentation(), "null is the default, as in old run folders");
    names("--augmentation must be one of crop-flip, flip, none, resized-crop, got 'rotate'", () -> Augmentation.parse("rotate"));
  }

  @Test
  void optimizerSettings() {
    OptimizerChoice adam = OptimizerChoice.parse("adam");
    names("--optimizer: unknown optimizer 'adagrad' (known: sgd, adam, adamw, lamb, each also with -lawn)",
        () -> OptimizerChoice.parse("adagrad"));
    names("--optimizer is required", () -> OptimizerChoice.parse(""));
    names("--lr must be a finite number > 0, got 0.0", () -> new OptimizerSettings(adam, 0, 1, 0, 1, 0, 0));
    names("--lr", () -> new OptimizerSettings(adam, Double.POSITIVE_INFINITY, 1, 0, 1, 0, 0));
    names("--batch-size must be positive, got 0", () -> new OptimizerSettings(adam, 1, 0, 0, 1, 0, 0));
    names("--micro-batch-size must be >= 0, got -1", () -> new OptimizerSettings(adam, 1, 1, -1, 1, 0, 0));
    names("--epochs must be positive, got 0", () -> new OptimizerSettings(adam, 1, 1, 0, 0, 0, 0));
    names("--warmup-epochs must be in [0, --epochs=3], got 4.0", () -> new OptimizerSettings(adam, 1, 1, 0, 3, 4, 0));
    names("--weight-decay", () -> new OptimizerSettings(adam, 1, 1, 0, 3, 0, -1));
    names("--weight-decay must be 0 with adam-lawn: LAWN replaces weight decay (use adam",
        () -> new OptimizerSettings(OptimizerChoice.parse("adam-lawn"), 1, 1, 0, 3, 0, 1e-4));
    OptimizerChoice lamb = OptimizerChoice.parse("LAMB-lawn");
    assertEquals(new OptimizerChoice(OptimizerSpec.Kind.LAMB, true), lamb);
    assertEquals("lamb-lawn", lamb.toString());
  }

  @Test
  void lawnChoice() {
    names("--e-free: e-free must be an epoch count", () -> EFree.parse("soon"));
    names("--e-free: e-free must be >= 0 epochs", () -> EFree.parse("-1"));
    names("--alpha must be a finite number > 0, got 0.0", () -> new LawnChoice(EFree.epochs(1), 0, "auto", "per-layer"));
    names("--attenuate is required", () -> new LawnChoice(EFree.epochs(1), 1, "", "per-layer"));
    names("--groups must be one of per-layer, per-variable, classifier, all-but-bn, with-bn-scales, with-bn, got 'bn'",
        () -> new LawnChoice(EFree.epochs(1), 1, "auto", "bn"));
    EFree hoffer = EFree.parse("hoffer");
    assertEquals(SwitchPolicy.hoffer(), hoffer.policy());
    assertEquals("hoffer", hoffer.text(), "kept as written: config.json compares the text");
    assertEquals(-1, hoffer.epochCount());
    assertEquals(5, EFree.parse(" 5 ").epochCount());
  }

  @Test
  void lossSettings() {
    names("--loss must be one of auto, bce, softmax-ce, focal, got 'hinge'", () -> new LossSettings("hinge", 0, 0, 0));
    names("--label-smoothing must be in [0, 1), got 1.0", () -> new LossSettings("auto", 1, 0, 0));
    names("--flooding", () -> new LossSettings("auto", 0, -0.1, 0));
    names("--focal-gamma must be a finite number >= 0", () -> new LossSettings("focal", 0, 0, -2));
    names("--focal-gamma needs --loss focal", () -> new LossSettings("bce", 0, 0, 2));
    assertEquals("bce", new LossSettings("auto", 0, 0, 0).resolve("bce"));
    assertEquals(2.0, new LossSettings("focal", 0, 0, 2).toLossConfig("bce").focalGamma());
  }

  @Test
  void placementSettings() {
    names("--cluster-timeout-seconds must be >= 0, got -1", () -> new PlacementSettings(null, null, -1, false, 0));
    names("--worker-input needs --cluster", () -> new PlacementSettings(null, null, 0, true, 0));
    names("--threads must be >= 0, got -2", () -> new PlacementSettings(null, null, 0, false, -2));
    names("--devices: 'tpu:0' is not a device", () -> new PlacementSettings("tpu:0", null, 0, false, 0));
    assertEquals(new PlacementSettings(null, null, 0, false, 0), new PlacementSettings(" ", "", 0, false, 0),
        "blank means none");
  }

  @Test
  void loggingSettings() {
    names("--eval-every must be positive, got 0", () -> new LoggingSettings(0, 1, 1));
    names("--checkpoint-every must be positive, got 0", () -> new LoggingSettings(1, 0, 1));
    names("--keep-checkpoints must be positive, got 0", () -> new LoggingSettings(1, 1, 0));
  }
}
