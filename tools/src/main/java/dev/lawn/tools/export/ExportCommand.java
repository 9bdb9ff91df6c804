package dev.lawn.tools.export;

import dev.lawn.train.RunDirectory;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.export.SavedModelExport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lawn export RUN_DIR}: a SavedModel from one of the run's checkpoints. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a run's model as a TensorFlow SavedModel (tag 'serve', signature 'serving_default').",
        "NCF: user, item (int32 [B]) -> score; classifiers: image (float32 [B,H,W,C]) -> probabilities.",
        "Method name tensorflow/serving/predict. assets/ holds model.json (input size, normalization, class names)",
        "and, for recommenders, users.csv and items.csv: the data set's ids of the dense ids the signature takes."})
public final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory written by lawn train")
  Path runDir;

  @Option(names = "--checkpoint", description = "latest or best (default: latest)")
  String checkpoint = "latest";

  @Option(names = "--out", paramLabel = "DIR", description = "SavedModel folder (default: RUN_DIR/saved_model)")
  Path out;

  @Override
  public Integer call() throws Exception {
    SavedModelExport.Which which;
    try {
      which = SavedModelExport.Which.valueOf(checkpoint.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--checkpoint must be latest or best, got '" + checkpoint + "'");
    }
    Path target = out != null ? out : runDir.resolve(RunDirectory.SAVED_MODEL);
    Checkpoint exported = SavedModelExport.export(runDir, which, target);
    System.out.println("exported " + exported.dir().getFileName() + " (epoch " + exported.meta().epoch() + ") to " + target);
    return 0;
  }
}
