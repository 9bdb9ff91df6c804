package dev.lawn.tools.train;

import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.tools.worker.TrustedNetworkOption;
import dev.lawn.train.PlainProgress;
import dev.lawn.train.RunPreflight;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.config.OptionHelp;
import dev.lawn.train.config.TrainOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lawn train}: one run from flags and/or a config file (YAML or JSON, snake_case keys), flags
 * winning. Every flag is the config key in kebab-case; the training options are not fields here but
 * built from lawn-train's {@link dev.lawn.train.config.OptionHelp} ({@link TrainOptionSpecs}), and
 * {@link #resolve()} reads the ones given from the parse.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = TrainOptionSpecs.class, // the training options, from lawn-train's OptionHelp
    description = {"Train a model on a data set with any optimizer, with or without LAWN.",
        "Writes RUN_DIR/{config.json,metrics.jsonl,metrics.csv,summary.json,checkpoints/,tensorboard/};",
        "rerun the same command to resume an interrupted run."})
public final class TrainCommand implements Callable<Integer> {

  /** The parse that set the options: only options given on the command line override the file. */
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file of options (snake_case keys)")
  Path configFile;

  @Option(names = "--out", paramLabel = "RUN_DIR", required = true, description = "run directory (created, or resumed)")
  Path out;

  @Option(names = "--kernels", paramLabel = "auto|fused|graph",
      description = OptionHelp.KERNELS + " (default: -Dlawn.kernels, else auto)")
  String kernels;

  @Mixin TrustedNetworkOption network; // --trusted-network: an acknowledgment, not a config key

  /** What {@link #resolve()} changed on its own (scaled defaults), to be told to the user. */
  private final List<String> notes = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    // Every check that can fail runs before the run folder is opened: a rejected command writes nothing.
    TrainConfig resolved = resolve(); // every option parsed and checked
    network.checkClient(resolved.placement().cluster(), System.err); // before the cluster is contacted or the data looked at
    TrainConfig config = RunPreflight.check(resolved);
    // A bad --kernels or -Dlawn.kernels fails here, before the run folder exists.
    KernelChoice kernels = this.kernels != null ? KernelChoice.parse(this.kernels, "--kernels") : KernelsProperty.read();
    notes.forEach(note -> System.err.println("lawn train: " + note));
    var listener = new ConsoleProgress(System.err, TerminalInfo.interactive());
    Map<String, Object> summary = new Trainer(config, out, listener).kernels(kernels).run();
    System.out.println(PlainProgress.summaryLine(summary, out));
    return 0;
  }

  /**
   * The configuration these options make: lawn-train's {@link TrainOptions#resolve} of the flags given on
   * the command line (not the defaults {@code --help} shows, so that the {@code --config} file's values
   * stand under them) and the {@code --config} file. Public so that tests resolve as {@code lawn train}
   * does; a sweep resolves a planned run's flags through the same {@link TrainOptions}.
   *
   * @throws IllegalArgumentException naming the option or the file when a value is impossible
   */
  public TrainConfig resolve() {
    Map<String, Object> given = TrainOptionSpecs.given(spec.commandLine().getParseResult());
    TrainOptions.Resolved resolved = TrainOptions.resolve(given, configFile);
    notes.clear();
    notes.addAll(resolved.notes());
    return resolved.config();
  }
}
