package dev.lawn.tools.predict;

import dev.lawn.serving.ClassPrediction;
import dev.lawn.serving.ImageClassifier;
import dev.lawn.serving.SavedModelLayout;
import dev.lawn.serving.Recommendation;
import dev.lawn.serving.ServingModel;
import dev.lawn.serving.TopKRecommender;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.export.SavedModelExport;
import dev.lawn.train.predict.RunServing;
import dev.lawn.train.predict.SeenItems;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lawn predict MODEL}: top-k items for users, or the class of images, through the model's
 * SavedModel serving signature (a run folder is exported on the fly into a temporary folder).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Predict with a trained model through its SavedModel serving signature.",
        "MODEL is a run folder (exported on the fly to a temporary SavedModel, deleted afterwards) or a SavedModel "
            + "written by 'lawn export'.",
        "Recommenders: --users gives the top --k items per user, in the data set's own ids, with titles where the "
            + "data set has them (MovieLens u.item, movies.dat, movies.csv).",
        "Classifiers: --images gives the class and probabilities of every JPEG under a folder, or of every image of "
            + "an IDX file."})
public final class PredictCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MODEL", description = "a run folder or a SavedModel folder")
  Path model;

  @Option(names = "--users", split = ",", paramLabel = "ID", description = "user ids of the data set (recommenders), comma-separated")
  List<Integer> users;

  @Option(names = "--k", description = "items per user (default 10)")
  int k = 10;

  @Option(names = "--exclude", split = ",", paramLabel = "ITEM", description = "item ids never recommended (e.g. those the users already have)")
  List<Integer> exclude = new ArrayList<>();

  @Option(names = "--exclude-seen", description = "with a run folder: leave out the items each user already has in the run's data set (read again from it)")
  boolean excludeSeen;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "with --exclude-seen: where the data set is (default: the run's)")
  Path dataDir;

  @Option(names = "--images", paramLabel = "DIR|IDX", description = "a folder of JPEGs (any depth; a parent folder named like a class gives the true class) or an IDX images file (its labels file next to it gives the true classes) (classifiers)")
  Path images;

  @Option(names = "--checkpoint", description = "with a run folder: latest or best (default latest)")
  String checkpoint = "latest";

  @Option(names = "--format", description = "csv or json (default csv)")
  String format = "csv";

  @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    validate();
    SavedModelExport.Which which = SavedModelExport.Which.valueOf(checkpoint.toUpperCase(Locale.ROOT));
    try (RunServing opened = RunServing.open(model, which)) {
      ServingModel serving = opened.model();
      String kind = serving.kind(); // the command line's own words for asking the wrong kind of model
      if (users != null && !kind.equals(SavedModelLayout.RECOMMENDER)) {
        throw new IllegalArgumentException("the model is a " + kind + ", not a recommender: give images (--images)"
            + " instead of --users");
      }
      if (users == null && !kind.equals(SavedModelLayout.CLASSIFIER)) {
        throw new IllegalArgumentException("the model is a " + kind + ", not a classifier: give --users instead of images");
      }
      if (users != null) {
        TopKRecommender recommender = new TopKRecommender(serving);
        SeenItems seen = excludeSeen ? SeenItems.ofRun(model, dataDir) : null;
        List<Recommendation> all = new ArrayList<>();
        for (int user : users) {
          Set<Integer> left = new HashSet<>(exclude);
          if (seen != null) {
            left.addAll(seen.of(user));
          }
          all.addAll(recommender.topK(user, k, left));
        }
        write(PredictionFormat.recommendations(all, format));
      } else {
        ImageClassifier classifier = new ImageClassifier(serving);
        List<ClassPrediction> predictions = Files.isDirectory(images) ? classifier.predictFolder(images)
            : classifier.predictIdx(images);
        write(PredictionFormat.classes(predictions, classifier, format));
        long labelled = predictions.stream().filter(p -> p.label() >= 0).count();
        if (labelled > 0) {
          long right = predictions.stream().filter(p -> p.label() >= 0 && p.label() == p.predicted()).count();
          spec.commandLine().getErr().printf(Locale.ROOT, "lawn predict: accuracy %.4f on the %d labelled images%n",
              (double) right / labelled, labelled);
        }
      }
    }
    return 0;
  }

  /** Every option checked before the model is loaded. */
  private void validate() {
    if ((users == null) == (images == null)) {
      throw new IllegalArgumentException("give either --users (a recommender) or --images (a classifier)");
    }
    if (k < 1) {
      throw new IllegalArgumentException("--k must be >= 1, got " + k);
    }
    if (!format.equals("csv") && !format.equals("json")) {
      throw new IllegalArgumentException("--format must be csv or json, got '" + format + "'");
    }
    if (!checkpoint.equals("latest") && !checkpoint.equals("best")) {
      throw new IllegalArgumentException("--checkpoint must be latest or best, got '" + checkpoint + "'");
    }
    if (excludeSeen && !Files.isRegularFile(model.resolve(RunDirectory.CONFIG))) {
      throw new IllegalArgumentException("--exclude-seen needs a run folder (its config.json names the data set), not "
          + model);
    }
    if (excludeSeen && users == null) {
      throw new IllegalArgumentException("--exclude-seen applies to --users");
    }
    if (images != null && !Files.exists(images)) {
      throw new IllegalArgumentException("--images " + images + ": no such file or folder");
    }
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException(model + ": no such folder (expected a run folder or a SavedModel)");
    }
  }

  private void write(String text) throws IOException {
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(text);
      stdout.flush();
      return;
    }
    Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
