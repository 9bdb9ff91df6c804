package dev.lawn.tools.train;

import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.tools.worker.TrustedNetworkOption;
import dev.lawn.train.PlainProgress;
import dev.lawn.train.RunPreflight;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.Trainer;
import dev.lawn.train.config.TrainOptions;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code lawn train}: one run from flags and/or a config file (YAML or JSON, snake_case keys), flags
 * winning. Every flag is the config key in kebab-case.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    defaultValueProvider = TrainDefaults.class,
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

  @Option(names = "--model", completionCandidates = OptionNames.Models.class,
      description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--data", completionCandidates = OptionNames.Data.class,
      description = "${COMPLETION-CANDIDATES}; ncf:NAME picks one of several NCF file sets (default ${DEFAULT-VALUE})")
  String data;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "folder holding the data set's files (default: searched in $LAWN_DATA_DIR, ~/.lawn/data, /usr/share/datasets)")
  String dataDir;

  @Option(names = "--optimizer", completionCandidates = OptionNames.Optimizers.class,
      description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  String optimizer;

  @Option(names = "--lr", description = "peak learning rate (default ${DEFAULT-VALUE})")
  Double lr;

  @Option(names = "--batch-size", description = "examples per optimizer step (default ${DEFAULT-VALUE})")
  Integer batchSize;

  @Option(names = "--micro-batch-size", description = "examples per pass; smaller batches are accumulated in the graph (default ${DEFAULT-VALUE} = automatic)")
  Integer microBatchSize;

  @Option(names = "--epochs", description = "E_total (default ${DEFAULT-VALUE})")
  Integer epochs;

  @Option(names = "--warmup-epochs", description = "E_warmup of the linear warm-up/decay schedule (default ${DEFAULT-VALUE}; epochs/10 for runs shorter than that)")
  Double warmupEpochs;

  @Option(names = "--e-free", description = {"LAWN's free epochs: N, steps:N, hoffer, or a rule asked at the end of each "
      + "epoch after the warm-up: margin-level[:L] (the median training margin reaches L, default 2), "
      + "loss-knee[:r] (the training loss's relative fall drops under r times its fastest, default 0.25), "
      + "auto (the median margin reaches 5 or stops growing) (default ${DEFAULT-VALUE}; epochs/4 rounded for runs shorter than that)"})
  String eFree;

  @Option(names = "--weight-decay", description = "weight decay of the base optimizer; 0 with -lawn (default ${DEFAULT-VALUE})")
  Double weightDecay;

  @Option(names = "--loss", completionCandidates = OptionNames.Losses.class,
      description = "${COMPLETION-CANDIDATES}; auto is bce for recommendation, softmax-ce for classes (default ${DEFAULT-VALUE})")
  String loss;

  @Option(names = "--label-smoothing", description = "label smoothing epsilon (default ${DEFAULT-VALUE})")
  Double labelSmoothing;

  @Option(names = "--flooding", description = "flooding level b (default ${DEFAULT-VALUE} = off)")
  Double flooding;

  @Option(names = "--focal-gamma", description = "focal loss gamma, with --loss focal (default ${DEFAULT-VALUE})")
  Double focalGamma;

  @Option(names = "--alpha", description = "logit attenuation at the LAWN switch (default ${DEFAULT-VALUE} = none)")
  Double alpha;

  @Option(names = "--attenuate", description = "LAWN group scaled by --alpha (default ${DEFAULT-VALUE} = output layer)")
  String attenuate;

  @Option(names = "--groups", completionCandidates = OptionNames.Groups.class,
      description = "what LAWN constrains: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: kernels, biases and "
          + "embeddings, one group per layer; see GroupSelector)")
  String groups;

  @Option(names = "--seed", description = "seed of initialization, data order and sampling (default ${DEFAULT-VALUE})")
  Long seed;

  @Option(names = "--split-seed", description = "seed of evaluation negatives / validation carve-out (default ${DEFAULT-VALUE})")
  Long splitSeed;

  @Option(names = "--validation", arity = "0..1", fallbackValue = "true", description = "also evaluate on a validation split (default ${DEFAULT-VALUE})")
  Boolean validation;

  @Option(names = "--validation-size", description = "images carved off for validation (default ${DEFAULT-VALUE})")
  Integer validationSize;

  @Option(names = "--negatives", description = "training negatives per positive (default ${DEFAULT-VALUE})")
  Integer negatives;

  @Option(names = "--width-multiplier", description = "width of image models (default ${DEFAULT-VALUE})")
  Double widthMultiplier;

  @Option(names = "--image-size", paramLabel = "H[xW]", description = "size images are trained at, resized bilinearly (default: the data's own size; an image folder's images must then all share one)")
  String imageSize;

  @Option(names = "--augmentation", completionCandidates = OptionNames.Augmentations.class,
      description = "training augmentation of images: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  String augmentation;

  @Option(names = "--eval-every", description = "evaluate every N epochs (default ${DEFAULT-VALUE})")
  Integer evalEvery;

  @Option(names = "--checkpoint-every", description = "checkpoint every N epochs (default ${DEFAULT-VALUE})")
  Integer checkpointEvery;

  @Option(names = "--keep-checkpoints", description = "checkpoints kept besides the best (default ${DEFAULT-VALUE})")
  Integer keepCheckpoints;

  @Option(names = "--threads", description = "TensorFlow threads (default ${DEFAULT-VALUE} = TensorFlow's choice)")
  Integer threads;

  @Option(names = "--devices", paramLabel = "DEV,...", description = "data-parallel towers, one per device: cpu:N or gpu:N, comma-separated; with --cluster, on every worker (default: one device)")
  String devices;

  @Option(names = "--cluster", paramLabel = "HOST:PORT,...|FILE", description = "train on these workers (task 0 first; or a file with one host:port per line), each started with 'lawn worker'")
  String cluster;

  @Option(names = "--cluster-timeout-seconds", description = "longest wait of one step on the cluster before the run fails (default ${DEFAULT-VALUE}; 0 = no limit)")
  Integer clusterTimeoutSeconds;

  @Option(names = "--worker-input", arity = "0..1", fallbackValue = "true",
      description = "with --cluster: every worker produces its towers' batches from its own copy of the data (lawn worker --data-dir); no batch crosses the network (default ${DEFAULT-VALUE})")
  Boolean workerInput;

  @Mixin TrustedNetworkOption network; // --trusted-network: an acknowledgment, not a config key

  /** What {@link #resolve()} changed on its own (scaled defaults), to be told to the user. */
  private final List<String> notes = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    // Every check that can fail runs before the run folder is opened: a rejected command writes nothing.
    TrainConfig resolved = resolve(); // every option parsed and checked
    network.checkClient(resolved.placement().cluster(), System.err); // before the cluster is contacted or the data looked at
    TrainConfig config = RunPreflight.check(resolved);
    KernelChoice kernels = KernelsProperty.read(); // a bad -Dlawn.kernels fails here, before the run folder exists
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
    Map<String, Object> given = new LinkedHashMap<>();
    ParseResult parsed = spec.commandLine().getParseResult();
    for (Field field : TrainCommand.class.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option == null || field.getName().equals("configFile") || field.getName().equals("out")
          || !parsed.hasMatchedOption(option.names()[0])) {
        continue;
      }
      try {
        given.put(option.names()[0].substring(2), field.get(this)); // typed by picocli; null is "not given"
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    TrainOptions.Resolved resolved = TrainOptions.resolve(given, configFile);
    notes.clear();
    notes.addAll(resolved.notes());
    return resolved.config();
  }
}
