package dev.lawn.train.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.data.rec.IdVocabulary;
import dev.lawn.train.FileTrees;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.export.ExportAssets;
import dev.lawn.train.export.SavedModelExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;

/**
 * A SavedModel written by {@code lawn export}, loaded for predictions through its serving signature
 * ({@value Signature#DEFAULT_KEY}), with the files of its {@code assets/} ({@link ExportAssets}).
 *
 * <p>{@link #open} takes a SavedModel folder or a run folder. A run folder is exported on the fly
 * (from its latest or best checkpoint) into a temporary SavedModel, deleted on {@link #close}: every
 * prediction goes through the same signature a serving client calls, never through lawn's training
 * graph, so lawn's own predictions are also the reference for serving the model from Java.
 */
public final class ServingModel implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final JsonNode model;
  private final IdVocabulary vocabulary;
  private final Path temporary;

  private ServingModel(SavedModelBundle bundle, JsonNode model, IdVocabulary vocabulary, Path temporary) {
    this.bundle = bundle;
    this.function = bundle.function(Signature.DEFAULT_KEY);
    this.model = model;
    this.vocabulary = vocabulary;
    this.temporary = temporary;
  }

  /**
   * Loads a SavedModel folder, or exports a run folder's {@code which} checkpoint and loads that.
   *
   * @throws IllegalArgumentException when {@code path} is neither, or the SavedModel lacks lawn's assets
   */
  public static ServingModel open(Path path, SavedModelExport.Which which) throws IOException {
    if (Files.isRegularFile(path.resolve("saved_model.pb"))) {
      return load(path, null);
    }
    if (!Files.isRegularFile(path.resolve(RunDirectory.CONFIG))) {
      throw new IllegalArgumentException(path + " is neither a SavedModel (no saved_model.pb) nor a run folder (no "
          + RunDirectory.CONFIG + ")");
    }
    Path tmp = Files.createTempDirectory("lawn-predict-");
    try {
      SavedModelExport.export(path, which, tmp.resolve("model"));
      return load(tmp.resolve("model"), tmp);
    } catch (IOException | RuntimeException e) {
      FileTrees.deleteTree(tmp);
      throw e;
    }
  }

  private static ServingModel load(Path dir, Path temporary) throws IOException {
    Path assets = dir.resolve(ExportAssets.FOLDER);
    Path modelJson = assets.resolve(RunDirectory.MODEL);
    if (!Files.isRegularFile(modelJson)) {
      throw new IllegalArgumentException(dir + ": no " + ExportAssets.FOLDER + "/" + RunDirectory.MODEL
          + " (exported by an older lawn: export the run again with 'lawn export')");
    }
    JsonNode model = JSON.readTree(modelJson.toFile());
    IdVocabulary vocabulary = IdVocabulary.existsIn(assets) ? IdVocabulary.read(assets) : null;
    return new ServingModel(SavedModelBundle.load(dir.toString(), SavedModelExport.TAG), model, vocabulary, temporary);
  }

  /** {@code recommender} or {@code classifier}. */
  public String kind() {
    return model.get("kind").asText();
  }

  /** The run's {@code model.json}: sizes, and for classifiers normalization and class names. */
  public JsonNode modelJson() {
    return model;
  }

  /** The id vocabulary of a recommender; null when the export has none (older runs: dense ids). */
  public IdVocabulary vocabulary() {
    return vocabulary;
  }

  /** The serving signature. */
  public Signature signature() {
    return function.signature();
  }

  /** Calls the serving signature; the caller closes the result. */
  public Result call(Map<String, Tensor> inputs) {
    return function.call(inputs);
  }

  @Override
  public void close() throws IOException {
    bundle.close();
    if (temporary != null) {
      FileTrees.deleteTree(temporary);
    }
  }
}
