package dev.lawn.tools.quickstart;

import dev.lawn.data.DataSetNotFoundException;
import dev.lawn.data.DataSets;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.experiments.sweep.SameConfigRuns;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.TrainConfigBuilder;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lawn quickstart}: Adam + weight decay and Adam-LAWN side by side on Fashion-MNIST (installing
 * Debian's {@code dataset-fashion-mnist} when it is missing and the machine allows it), then a comparison
 * table and a plot of test ECE and median training margin per epoch.
 *
 * <p>The default is the setting where LAWN's effect shows (docs/RESULTS.md, "Batch normalization"), made
 * short: VGG-11 with batch norm at width 0.125 on 10,000 training images, trained until the training loss
 * nears zero. Adam + WD then grows its margins and becomes overconfident; Adam-LAWN constrains the kernels
 * and the batch-norm scales ({@code --groups with-bn-scales}) and attenuates the logits at the switch
 * ({@code --alpha}), which holds the logit scale where it put it.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train Adam + WD and Adam-LAWN side by side on Fashion-MNIST and compare them (a few minutes on CPU).",
        "Adam-LAWN constrains the kernels and the batch-norm scales (lawn train --groups with-bn-scales) and",
        "attenuates the logits at the switch (--alpha). Prints a comparison table and draws OUT/report/epoch.png",
        "(test ECE and median training margin per epoch)."})
public final class QuickstartCommand implements Callable<Integer> {

  /** A configuration as config.json holds it (TrainConfig's own JSON form), to compare with a finished run's. */
  private static final ObjectMapper RUN_JSON = new ObjectMapper();

  /** The baseline's weight decay: the batch-norm study's. */
  static final double WEIGHT_DECAY = 5e-4;

  @Spec CommandSpec spec;

  @Option(names = "--out", description = "where the runs and the report go (default: ${DEFAULT-VALUE})")
  Path out = Path.of("runs", "quickstart");

  @Option(names = "--model", description = "classifier to train (default: ${DEFAULT-VALUE})")
  String model = "vgg11";

  @Option(names = "--width-multiplier", description = "width of the model (default: ${DEFAULT-VALUE})")
  double widthMultiplier = 0.125;

  @Option(names = "--train-size", description = "training images, a fixed random subset (default: ${DEFAULT-VALUE})")
  int trainSize = 10_000;

  @Option(names = "--epochs", description = "epochs per run (default: ${DEFAULT-VALUE})")
  int epochs = 30;

  @Option(names = "--e-free", description = "Adam-LAWN's free epochs (default: ${DEFAULT-VALUE})")
  String eFree = "5";

  @Option(names = "--alpha", description = "Adam-LAWN's logit attenuation at the switch (default: ${DEFAULT-VALUE})")
  double alpha = 0.3;

  @Option(names = "--lr", description = "peak learning rate of both runs (default: ${DEFAULT-VALUE})")
  double lr = 5e-3;

  @Option(names = "--data-dir", description = "folder holding fashion-mnist (default: searched, Debian's package included)")
  Path dataDir;

  @Option(names = "--plot-copy", paramLabel = "FILE", description = "also copy the plot to FILE (the README's image)")
  Path plotCopy;

  /** The two runs, by folder name: Adam + WD, then Adam-LAWN. */
  Map<String, TrainConfig> configs() {
    TrainConfigBuilder common = TrainConfig.builder().model(model).widthMultiplier(widthMultiplier)
        .data("fashion-mnist").dataDir(dataDir).trainSize(trainSize).augmentation("none").lr(lr).batchSize(512)
        .epochs(epochs).warmupEpochs(Math.min(2, epochs / 10.0)).checkpointEvery(epochs).keepCheckpoints(1);
    Map<String, TrainConfig> runs = new LinkedHashMap<>();
    runs.put("adam-wd", common.optimizer("adam").weightDecay(WEIGHT_DECAY).build());
    runs.put("adam-lawn", common.optimizer("adam-lawn").weightDecay(0).eFree(eFree).groups("with-bn-scales")
        .alpha(alpha).build());
    return runs;
  }

  @Override
  public Integer call() throws Exception {
    Map<String, TrainConfig> configs = configs(); // a bad option fails here, before anything is installed or written
    ensureData();
    List<Path> runs = new ArrayList<>();
    for (Map.Entry<String, TrainConfig> entry : configs.entrySet()) {
      String name = entry.getKey();
      TrainConfig config = entry.getValue();
      Path run = out.resolve(name);
      runs.add(run);
      if (Files.exists(run.resolve(RunDirectory.SUMMARY))) {
        List<String> changed = SameConfigRuns.differences(
            RunDirectory.existing(run).readJson(RunDirectory.CONFIG), RUN_JSON.valueToTree(config));
        if (!changed.isEmpty()) {
          throw new IllegalArgumentException(run + " holds a finished run with other settings (" + String.join(", ",
              changed) + "): remove it or pass another --out");
        }
        System.err.println(run + " already finished with these settings: reusing it");
        continue;
      }
      System.err.printf(Locale.ROOT, "== %s: %s on fashion-mnist (%d training images), %d epochs%n", name, model,
          trainSize, epochs);
      Map<String, Object> s = new Trainer(config, run, new TrainingListener() {
        @Override
        public void onEvaluation(Map<String, Object> row) {
          System.err.printf(Locale.ROOT, "  epoch %s  loss %.4f  accuracy %.4f  ece %.4f  margin_p50 %.3f  %s%n",
              row.get("epoch"), row.get("loss"), row.get("accuracy"), row.get("ece"), row.get("margin_p50"),
              row.get("phase"));
        }
      }).kernels(dev.lawn.tools.train.KernelsProperty.read()).run();
      System.err.printf(Locale.ROOT, "   %s: accuracy %.4f, ece %.4f in %.0f s%n", name, s.get("accuracy"),
          s.get("ece"), ((Number) s.get("wall_seconds")).doubleValue());
    }
    Path report = out.resolve("report");
    List<String> args = new ArrayList<>();
    runs.forEach(r -> args.add(r.toString()));
    args.addAll(List.of("--rows", "optimizer,weight_decay,groups,alpha", "--metric", "ece,accuracy,margin_p50,loss",
        "--out", report.toString(), "--plot", "epoch"));
    // `lawn report`, run through its sibling in the command tree (with the tree's error handling),
    // so that this subcommand does not import the top command that lists it.
    CommandLine reportCommand = spec.root().commandLine().getSubcommands().get("report");
    if (reportCommand == null) {
      throw new IllegalStateException("quickstart runs as a subcommand of lawn, whose 'report' draws its plot");
    }
    int code = reportCommand.execute(args.toArray(String[]::new));
    if (code == 0 && plotCopy != null) {
      Files.createDirectories(plotCopy.toAbsolutePath().getParent());
      Files.copy(report.resolve("epoch.png"), plotCopy, StandardCopyOption.REPLACE_EXISTING);
    }
    System.err.println("plot: " + report.resolve("epoch.png"));
    return code;
  }

  /** Finds Fashion-MNIST, or installs Debian's package when running as root with apt-get. */
  private void ensureData() throws Exception {
    try {
      DataSets.resolve("fashion-mnist", dataDir);
      return;
    } catch (DataSetNotFoundException missing) {
      boolean root = "root".equals(System.getProperty("user.name"));
      if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
        throw missing;
      }
    }
    System.err.println("fashion-mnist not found: installing Debian's dataset-fashion-mnist (apt-get)");
    for (List<String> command : List.of(List.of("apt-get", "update", "-q"),
        List.of("apt-get", "install", "-y", "-q", "dataset-fashion-mnist"))) {
      Process p = new ProcessBuilder(command).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalArgumentException(String.join(" ", command) + " failed (exit " + p.exitValue()
            + "); install dataset-fashion-mnist yourself or pass --data-dir");
      }
    }
    DataSets.resolve("fashion-mnist", dataDir);
  }
}
