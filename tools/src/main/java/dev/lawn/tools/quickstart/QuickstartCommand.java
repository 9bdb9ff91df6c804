package dev.lawn.tools.quickstart;

import dev.lawn.data.DataSetNotFoundException;
import dev.lawn.data.DataSets;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
 * {@code lawn quickstart}: Adam and Adam-LAWN side by side on Fashion-MNIST (installing Debian's
 * {@code dataset-fashion-mnist} when it is missing and the machine allows it), then a comparison
 * table and a plot of test accuracy and median margin per epoch.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = {"Train Adam and Adam-LAWN side by side on Fashion-MNIST and compare them (a few minutes on CPU).",
        "Prints a comparison table and draws OUT/report/epoch.png."})
public final class QuickstartCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--out", description = "where the runs and the report go (default: ${DEFAULT-VALUE})")
  Path out = Path.of("runs", "quickstart");

  @Option(names = "--model", description = "classifier to train (default: ${DEFAULT-VALUE})")
  String model = "mlp";

  @Option(names = "--epochs", description = "epochs per run (default: ${DEFAULT-VALUE})")
  int epochs = 20;

  @Option(names = "--e-free", description = "Adam-LAWN's free epochs (default: ${DEFAULT-VALUE})")
  String eFree = "3";

  @Option(names = "--lr", description = "peak learning rate of both runs (default: ${DEFAULT-VALUE})")
  double lr = 1e-3;

  @Option(names = "--data-dir", description = "folder holding fashion-mnist (default: searched, Debian's package included)")
  Path dataDir;

  @Option(names = "--plot-copy", paramLabel = "FILE", description = "also copy the plot to FILE (the README's image)")
  Path plotCopy;

  @Override
  public Integer call() throws Exception {
    ensureData();
    List<Path> runs = new ArrayList<>();
    for (String optimizer : List.of("adam", "adam-lawn")) {
      TrainConfig config = TrainConfig.builder().model(model).data("fashion-mnist")
          .dataDir(dataDir).optimizer(optimizer).lr(lr).batchSize(256)
          .epochs(epochs).warmupEpochs(1).eFree(eFree).checkpointEvery(epochs).keepCheckpoints(1).build();
      Path run = out.resolve(optimizer);
      runs.add(run);
      if (Files.exists(run.resolve(RunDirectory.SUMMARY))) {
        System.err.println(run + " already finished: reusing it");
        continue;
      }
      System.err.printf(Locale.ROOT, "== %s: %s on fashion-mnist, %d epochs%n", optimizer, model, epochs);
      Map<String, Object> s = new Trainer(config, run, new TrainingListener() {
        @Override
        public void onEvaluation(Map<String, Object> row) {
          System.err.printf(Locale.ROOT, "  epoch %s  loss %.4f  accuracy %.4f  ece %.4f  margin_p50 %.3f  %s%n",
              row.get("epoch"), row.get("loss"), row.get("accuracy"), row.get("ece"), row.get("margin_p50"),
              row.get("phase"));
        }
      }).kernels(dev.lawn.tools.train.KernelsProperty.read()).run();
      System.err.printf(Locale.ROOT, "   %s: accuracy %.4f, ece %.4f in %.0f s%n", optimizer, s.get("accuracy"),
          s.get("ece"), ((Number) s.get("wall_seconds")).doubleValue());
    }
    Path report = out.resolve("report");
    List<String> args = new ArrayList<>();
    runs.forEach(r -> args.add(r.toString()));
    args.addAll(List.of("--rows", "optimizer", "--metric", "accuracy,ece,margin_p50,loss", "--out", report.toString(),
        "--plot", "epoch"));
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
