package dev.lawn.train.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelZoo;
import dev.lawn.models.RecommenderOptions;
import dev.lawn.serving.SavedModelLayout;
import dev.lawn.train.FileTrees;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.checkpoint.Checkpoint;
import dev.lawn.train.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Exports a run's model as a TensorFlow SavedModel for serving, in the layout lawn-serving reads
 * ({@link SavedModelLayout}).
 *
 * <p>The export holds a serving graph only: the model is rebuilt from {@code model.json} in a fresh
 * graph (same variable names as in training), the chosen checkpoint is restored into it, and one
 * signature {@value SavedModelLayout#SIGNATURE} (tag {@value SavedModelLayout#TAG}) is written: for
 * NCF models {@code user}, {@code item} (int32 [B]) to {@code score} (sigmoid probability, float32
 * [B]); for classifiers {@code image} (float32 [B,H,W,C], normalized as in training) to
 * {@code probabilities} (float32 [B,K]); its method name is {@value SavedModelLayout#METHOD_NAME}.
 * {@code assets/} holds what a client needs besides ({@link ExportAssets}: the id vocabulary, the
 * input size and normalization). No optimizer state or training op is exported. The folder appears
 * atomically.
 */
public final class SavedModelExport {

  private SavedModelExport() {}

  /** Which checkpoint to export. */
  public enum Which {
    LATEST,
    BEST
  }

  /**
   * Exports {@code runDir}'s model.
   *
   * @param target the SavedModel folder to create (replaced atomically if it exists)
   * @return the checkpoint exported
   */
  public static Checkpoint export(Path runDir, Which which, Path target) throws IOException {
    RunDirectory run = RunDirectory.existing(runDir);
    JsonNode model = run.readJson(RunDirectory.MODEL);
    CheckpointStore store = new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE);
    java.util.Optional<Checkpoint> chosen = which == Which.BEST ? store.best() : java.util.Optional.empty();
    Checkpoint checkpoint = (chosen.isPresent() ? chosen : store.latest())
        .orElseThrow(() -> new IllegalArgumentException(runDir + " has no checkpoint to export"));
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Model m = rebuild(tf, model);
      Signature.Builder signature = Signature.builder().key(SavedModelLayout.SIGNATURE)
          .methodName(SavedModelLayout.METHOD_NAME);
      m.inputs().forEach(signature::input); // the zoo's inputs are named as SavedModelLayout says
      boolean recommender = isRecommender(model);
      String outputName = recommender ? SavedModelLayout.SCORE : SavedModelLayout.PROBABILITIES;
      Operand<TFloat32> output = recommender ? tf.withName(outputName).math.sigmoid(m.logits())
          : tf.withName(outputName).nn.softmax(m.logits());
      signature.output(outputName, output);
      store.restore(session, checkpoint);
      Path exportDir = tmp.resolve("model");
      SavedModelBundle.exporter(exportDir.toString()).withSession(session).withSignature(signature.build())
          .withTags(SavedModelLayout.TAG).export();
      ExportAssets.copy(runDir, exportDir);
      replace(exportDir, target);
    } finally {
      FileTrees.deleteTree(tmp);
    }
    return checkpoint;
  }

  /** The zoo model described by a run's {@code model.json}, built into {@code tf}'s graph. */
  public static Model rebuild(Ops tf, JsonNode model) {
    String name = model.get("model").asText();
    long seed = model.get("seed").asLong();
    if (isRecommender(model)) {
      return ModelZoo.recommender(tf, name, model.get("num_users").asInt(), model.get("num_items").asInt(),
          RecommenderOptions.defaults().withSeed(seed));
    }
    ClassifierOptions options = ClassifierOptions.defaults().withSeed(seed)
        .withWidthMultiplier(model.get("width_multiplier").asDouble())
        .withCifarStem(model.get("cifar_stem").asBoolean());
    return ModelZoo.classifier(tf, name, model.get("height").asInt(), model.get("width").asInt(),
        model.get("channels").asInt(), model.get("num_classes").asInt(), options);
  }

  private static boolean isRecommender(JsonNode model) {
    return model.get(SavedModelLayout.KIND).asText().equals(SavedModelLayout.RECOMMENDER);
  }

  /** Renames {@code source} to {@code target}, moving an existing target aside first. */
  private static void replace(Path source, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      FileTrees.deleteTree(old);
    }
  }
}
